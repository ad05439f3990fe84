CREATE TABLE `drills` (
	`id` text PRIMARY KEY NOT NULL,
	`scenario_id` text,
	`service_id` text NOT NULL,
	`name` text NOT NULL,
	`severity` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`injects` text NOT NULL,
	`participants` text,
	`status` text NOT NULL,
	`starts_at` integer NOT NULL,
	`remind_at` integer,
	`remind_minutes_before` integer NOT NULL,
	`started_at` integer,
	`ended_at` integer,
	`incident_id` text,
	`injects_done` integer DEFAULT 0 NOT NULL,
	`shift_ms` integer DEFAULT 0 NOT NULL,
	`paused_at` integer,
	`due_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`scenario_id`) REFERENCES `drill_scenarios`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `drills_due_idx` ON `drills` (`due_at`);--> statement-breakpoint
CREATE INDEX `drills_remind_idx` ON `drills` (`remind_at`);--> statement-breakpoint
CREATE INDEX `drills_scenario_idx` ON `drills` (`scenario_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `drills_starts_idx` ON `drills` (`starts_at`);--> statement-breakpoint
ALTER TABLE `incidents` ADD `drill_id` text;--> statement-breakpoint
CREATE INDEX `incidents_drill_idx` ON `incidents` (`drill_id`);