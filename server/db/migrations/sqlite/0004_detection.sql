CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`incident_id` text,
	`source` text NOT NULL,
	`dedup_key` text NOT NULL,
	`status` text NOT NULL,
	`summary` text NOT NULL,
	`severity` text,
	`details` text NOT NULL,
	`links` text NOT NULL,
	`images` text NOT NULL,
	`client` text,
	`client_url` text,
	`started_at` integer,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`count` integer NOT NULL,
	`resolved_at` integer,
	`in_maintenance` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_open_dedup_unique` ON `alerts` (`service_id`,`dedup_key`) WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX `alerts_incident_idx` ON `alerts` (`incident_id`);--> statement-breakpoint
CREATE INDEX `alerts_service_seen_idx` ON `alerts` (`service_id`,`last_seen_at`);--> statement-breakpoint
CREATE TABLE `change_events` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`summary` text NOT NULL,
	`source` text,
	`at` integer NOT NULL,
	`received_at` integer NOT NULL,
	`details` text NOT NULL,
	`links` text NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `change_events_service_at_idx` ON `change_events` (`service_id`,`at`);--> statement-breakpoint
CREATE TABLE `heartbeats` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`name` text NOT NULL,
	`interval_seconds` integer NOT NULL,
	`token` text NOT NULL,
	`status` text NOT NULL,
	`last_ping_at` integer,
	`expires_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `heartbeats_token_unique` ON `heartbeats` (`token`);--> statement-breakpoint
CREATE INDEX `heartbeats_due_idx` ON `heartbeats` (`status`,`expires_at`);--> statement-breakpoint
CREATE INDEX `heartbeats_service_idx` ON `heartbeats` (`service_id`);--> statement-breakpoint
CREATE TABLE `maintenance_windows` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`created_by_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `maintenance_windows_service_idx` ON `maintenance_windows` (`service_id`,`ends_at`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `origin` text DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE `incidents` ADD `alert_group_key` text;--> statement-breakpoint
-- Incidents opened before detection existed began, and were detected, when they were created.
ALTER TABLE `incidents` ADD `started_at` integer NOT NULL DEFAULT 0;--> statement-breakpoint
ALTER TABLE `incidents` ADD `detected_at` integer NOT NULL DEFAULT 0;--> statement-breakpoint
UPDATE `incidents` SET `started_at` = `created_at`, `detected_at` = `created_at`;--> statement-breakpoint
CREATE INDEX `incidents_service_origin_idx` ON `incidents` (`service_id`,`origin`,`detected_at`);--> statement-breakpoint
CREATE INDEX `incidents_alert_group_idx` ON `incidents` (`service_id`,`alert_group_key`);--> statement-breakpoint
ALTER TABLE `services` ADD `severity_mapping` text;--> statement-breakpoint
ALTER TABLE `services` ADD `storm_threshold` integer DEFAULT 20 NOT NULL;