CREATE TABLE `escalation_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`repeat` integer NOT NULL,
	`steps` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `notification_rules` (
	`user_id` text PRIMARY KEY NOT NULL,
	`rules` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `push_subscriptions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`endpoint` text NOT NULL,
	`p256dh` text NOT NULL,
	`auth` text NOT NULL,
	`label` text,
	`created_at` integer NOT NULL,
	`last_success_at` integer,
	`last_failure_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `push_subscriptions_endpoint_unique` ON `push_subscriptions` (`endpoint`);--> statement-breakpoint
CREATE INDEX `push_subscriptions_user_idx` ON `push_subscriptions` (`user_id`);--> statement-breakpoint
CREATE TABLE `schedule_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`schedule_id` text NOT NULL,
	`user_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`schedule_id`) REFERENCES `schedules`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `schedule_overrides_schedule_idx` ON `schedule_overrides` (`schedule_id`,`ends_at`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`time_zone` text NOT NULL,
	`layers` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `incident_escalations` (
	`incident_id` text PRIMARY KEY NOT NULL,
	`policy_id` text NOT NULL,
	`steps` text NOT NULL,
	`repeat` integer NOT NULL,
	`step` integer NOT NULL,
	`loop` integer NOT NULL,
	`state` text NOT NULL,
	`next_step_due_at` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `incident_escalations_due_idx` ON `incident_escalations` (`state`,`next_step_due_at`);--> statement-breakpoint
CREATE TABLE `outgoing_pushes` (
	`id` text PRIMARY KEY NOT NULL,
	`page_id` text,
	`incident_id` text,
	`user_id` text NOT NULL,
	`subscription_id` text,
	`payload` text NOT NULL,
	`urgency` text NOT NULL,
	`ttl_seconds` integer NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subscription_id`) REFERENCES `push_subscriptions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `outgoing_pushes_due_idx` ON `outgoing_pushes` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outgoing_pushes_incident_idx` ON `outgoing_pushes` (`incident_id`);--> statement-breakpoint
CREATE TABLE `pages` (
	`id` text PRIMARY KEY NOT NULL,
	`incident_id` text NOT NULL,
	`user_id` text NOT NULL,
	`step` integer NOT NULL,
	`loop` integer NOT NULL,
	`rule` integer NOT NULL,
	`due_at` integer NOT NULL,
	`state` text NOT NULL,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pages_due_idx` ON `pages` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `pages_incident_idx` ON `pages` (`incident_id`);--> statement-breakpoint
ALTER TABLE `services` ADD `escalation_policy_id` text REFERENCES escalation_policies(id);