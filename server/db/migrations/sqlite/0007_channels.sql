CREATE TABLE `outgoing_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`incident_id` text NOT NULL,
	`page_id` text,
	`user_id` text,
	`contact_method_id` text,
	`webhook_id` text,
	`seq` integer,
	`payload` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`claimed_by` text,
	`lease_until` integer,
	FOREIGN KEY (`incident_id`) REFERENCES `incidents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_method_id`) REFERENCES `contact_methods`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`webhook_id`) REFERENCES `service_webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `outgoing_messages_due_idx` ON `outgoing_messages` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outgoing_messages_incident_idx` ON `outgoing_messages` (`incident_id`);--> statement-breakpoint
CREATE INDEX `outgoing_messages_page_idx` ON `outgoing_messages` (`page_id`);--> statement-breakpoint
CREATE INDEX `outgoing_messages_webhook_idx` ON `outgoing_messages` (`webhook_id`,`incident_id`,`seq`);--> statement-breakpoint
CREATE TABLE `service_webhooks` (
	`id` text PRIMARY KEY NOT NULL,
	`service_id` text NOT NULL,
	`url` text NOT NULL,
	`secret` text,
	`events` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `service_webhooks_service_idx` ON `service_webhooks` (`service_id`);--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` text PRIMARY KEY NOT NULL,
	`webhook_id` text NOT NULL,
	`message_id` text NOT NULL,
	`incident_id` text NOT NULL,
	`event` text NOT NULL,
	`attempt` integer NOT NULL,
	`outcome` text NOT NULL,
	`status` integer,
	`error` text,
	`duration_ms` integer NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`webhook_id`) REFERENCES `service_webhooks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_webhook_idx` ON `webhook_attempts` (`webhook_id`,`at`);--> statement-breakpoint
ALTER TABLE `pages` ADD `method` text DEFAULT 'push' NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `contact_method_id` text REFERENCES contact_methods(id) ON DELETE SET NULL;