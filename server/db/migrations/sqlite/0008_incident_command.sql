CREATE TABLE `action_items` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`title` text NOT NULL,
	`owner_id` text,
	`due_date` text,
	`status` text NOT NULL,
	`position` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_items_incident_idx` ON `action_items` (`incident_id`,`position`);--> statement-breakpoint
CREATE INDEX `action_items_status_idx` ON `action_items` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `incident_followers` (
	`incident_id` text NOT NULL,
	`user_id` text NOT NULL,
	`via_contact_methods` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`incident_id`, `user_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_followers_user_idx` ON `incident_followers` (`user_id`);--> statement-breakpoint
CREATE TABLE `incident_links` (
	`incident_id` text NOT NULL,
	`linked_id` text NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` text,
	PRIMARY KEY(`incident_id`, `linked_id`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`linked_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `reviews` (
	`incident_id` text PRIMARY KEY NOT NULL,
	`content` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	`completed_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `runbook_steps` (
	`incident_id` text NOT NULL,
	`step_index` integer NOT NULL,
	`done` integer NOT NULL,
	`by_user_id` text,
	`at` integer NOT NULL,
	PRIMARY KEY(`incident_id`, `step_index`),
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `runbooks` (
	`service_id` text NOT NULL,
	`alert_class` text DEFAULT '' NOT NULL,
	`markdown` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	PRIMARY KEY(`service_id`, `alert_class`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `service_followers` (
	`service_id` text NOT NULL,
	`user_id` text NOT NULL,
	`via_contact_methods` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`service_id`, `user_id`),
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `service_followers_user_idx` ON `service_followers` (`user_id`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `acknowledged_by_id` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `acknowledged_by_name` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `phase` text DEFAULT 'triage' NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `mitigated_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `review_completed_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `roles` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `checklist` text;--> statement-breakpoint
ALTER TABLE `incidents` ADD `update_cadence_minutes` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `last_status_update_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `update_reminder_at` integer;--> statement-breakpoint
ALTER TABLE `incidents` ADD `snoozed_until` integer;--> statement-breakpoint
CREATE INDEX `incidents_update_reminder_idx` ON `incidents` (`update_reminder_at`);--> statement-breakpoint
CREATE INDEX `incidents_snoozed_idx` ON `incidents` (`snoozed_until`);--> statement-breakpoint
CREATE INDEX `incidents_detected_idx` ON `incidents` (`detected_at`);--> statement-breakpoint
-- Incidents from before the lifecycle phases take the phase their status implies.
UPDATE `incidents` SET `phase` = 'response' WHERE `status` = 'acknowledged';--> statement-breakpoint
UPDATE `incidents` SET `phase` = 'recovery' WHERE `status` = 'resolved';--> statement-breakpoint
-- Who acknowledged, from the timeline, for incidents acknowledged before it was kept on the incident.
UPDATE `incidents` SET `acknowledged_by_id` = (SELECT e.`actor_id` FROM `incident_events` e WHERE e.`incident_id` = `incidents`.`id` AND e.`type` = 'acknowledged' ORDER BY e.`seq` DESC LIMIT 1), `acknowledged_by_name` = (SELECT e.`actor_name` FROM `incident_events` e WHERE e.`incident_id` = `incidents`.`id` AND e.`type` = 'acknowledged' ORDER BY e.`seq` DESC LIMIT 1) WHERE `acknowledged_at` IS NOT NULL;