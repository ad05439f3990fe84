ALTER TABLE `services` RENAME COLUMN "integration_key" TO "integration_key_hash";--> statement-breakpoint
DROP INDEX `services_integration_key_unique`;--> statement-breakpoint
UPDATE `services` SET `integration_key_hash` = muster_sha256_hex(`integration_key_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `services_integration_key_hash_unique` ON `services` (`integration_key_hash`);
