CREATE TABLE "alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"incident_id" text,
	"source" text NOT NULL,
	"dedup_key" text NOT NULL,
	"status" text NOT NULL,
	"summary" text NOT NULL,
	"severity" text,
	"details" jsonb NOT NULL,
	"links" jsonb NOT NULL,
	"images" jsonb NOT NULL,
	"client" text,
	"client_url" text,
	"started_at" timestamp (3) with time zone,
	"first_seen_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	"count" integer NOT NULL,
	"resolved_at" timestamp (3) with time zone,
	"in_maintenance" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_events" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"summary" text NOT NULL,
	"source" text,
	"at" timestamp (3) with time zone NOT NULL,
	"received_at" timestamp (3) with time zone NOT NULL,
	"details" jsonb NOT NULL,
	"links" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "heartbeats" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"name" text NOT NULL,
	"interval_seconds" integer NOT NULL,
	"token" text NOT NULL,
	"status" text NOT NULL,
	"last_ping_at" timestamp (3) with time zone,
	"expires_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "heartbeats_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "maintenance_windows" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"created_by_id" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "origin" text DEFAULT 'user' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "alert_group_key" text;--> statement-breakpoint
-- Incidents opened before detection existed began, and were detected, when they were created.
ALTER TABLE "incidents" ADD COLUMN "started_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "detected_at" timestamp (3) with time zone;--> statement-breakpoint
UPDATE "incidents" SET "started_at" = "created_at", "detected_at" = "created_at";--> statement-breakpoint
ALTER TABLE "incidents" ALTER COLUMN "started_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ALTER COLUMN "detected_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "severity_mapping" jsonb;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "storm_threshold" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_events" ADD CONSTRAINT "change_events_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_windows" ADD CONSTRAINT "maintenance_windows_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_open_dedup_unique" ON "alerts" USING btree ("service_id","dedup_key") WHERE status <> 'resolved';--> statement-breakpoint
CREATE INDEX "alerts_incident_idx" ON "alerts" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "alerts_service_seen_idx" ON "alerts" USING btree ("service_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "change_events_service_at_idx" ON "change_events" USING btree ("service_id","at");--> statement-breakpoint
CREATE INDEX "heartbeats_due_idx" ON "heartbeats" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "heartbeats_service_idx" ON "heartbeats" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "maintenance_windows_service_idx" ON "maintenance_windows" USING btree ("service_id","ends_at");--> statement-breakpoint
CREATE INDEX "incidents_service_origin_idx" ON "incidents" USING btree ("service_id","origin","detected_at");--> statement-breakpoint
CREATE INDEX "incidents_alert_group_idx" ON "incidents" USING btree ("service_id","alert_group_key");