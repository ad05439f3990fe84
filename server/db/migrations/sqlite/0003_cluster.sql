CREATE TABLE `counters` (
	`name` text PRIMARY KEY NOT NULL,
	`value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shared_keys` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
DROP INDEX `incident_events_incident_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `incident_events_incident_seq_unique` ON `incident_events` (`incident_id`,`seq`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `event_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `outgoing_pushes` ADD `claimed_by` text;--> statement-breakpoint
ALTER TABLE `outgoing_pushes` ADD `lease_until` integer;--> statement-breakpoint
UPDATE `incidents` SET `event_seq` = (SELECT coalesce(max(`seq`), 0) FROM `incident_events` WHERE `incident_id` = `incidents`.`id`);--> statement-breakpoint
INSERT INTO `counters` (`name`, `value`) SELECT 'incident_number', coalesce(max(`number`), 0) FROM `incidents`;
