CREATE TABLE "action_items" (
	"id" text PRIMARY KEY NOT NULL,
	"incident_id" text NOT NULL,
	"title" text NOT NULL,
	"owner_id" text,
	"due_date" text,
	"status" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_followers" (
	"incident_id" text NOT NULL,
	"user_id" text NOT NULL,
	"via_contact_methods" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "incident_followers_incident_id_user_id_pk" PRIMARY KEY("incident_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "incident_links" (
	"incident_id" text NOT NULL,
	"linked_id" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" text,
	CONSTRAINT "incident_links_incident_id_linked_id_pk" PRIMARY KEY("incident_id","linked_id")
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"incident_id" text PRIMARY KEY NOT NULL,
	"content" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text,
	"completed_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "runbook_steps" (
	"incident_id" text NOT NULL,
	"step_index" integer NOT NULL,
	"done" boolean NOT NULL,
	"by_user_id" text,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "runbook_steps_incident_id_step_index_pk" PRIMARY KEY("incident_id","step_index")
);
--> statement-breakpoint
CREATE TABLE "runbooks" (
	"service_id" text NOT NULL,
	"alert_class" text DEFAULT '' NOT NULL,
	"markdown" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text,
	CONSTRAINT "runbooks_service_id_alert_class_pk" PRIMARY KEY("service_id","alert_class")
);
--> statement-breakpoint
CREATE TABLE "service_followers" (
	"service_id" text NOT NULL,
	"user_id" text NOT NULL,
	"via_contact_methods" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "service_followers_service_id_user_id_pk" PRIMARY KEY("service_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "acknowledged_by_id" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "acknowledged_by_name" text;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "phase" text DEFAULT 'triage' NOT NULL;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "mitigated_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "closed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "review_completed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "roles" jsonb;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "checklist" jsonb;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "update_cadence_minutes" integer;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "last_status_update_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "update_reminder_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "snoozed_until" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_items" ADD CONSTRAINT "action_items_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_followers" ADD CONSTRAINT "incident_followers_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_followers" ADD CONSTRAINT "incident_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_linked_id_incidents_id_fk" FOREIGN KEY ("linked_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_links" ADD CONSTRAINT "incident_links_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_steps" ADD CONSTRAINT "runbook_steps_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbook_steps" ADD CONSTRAINT "runbook_steps_by_user_id_users_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbooks" ADD CONSTRAINT "runbooks_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runbooks" ADD CONSTRAINT "runbooks_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_followers" ADD CONSTRAINT "service_followers_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_followers" ADD CONSTRAINT "service_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_items_incident_idx" ON "action_items" USING btree ("incident_id","position");--> statement-breakpoint
CREATE INDEX "action_items_status_idx" ON "action_items" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "incident_followers_user_idx" ON "incident_followers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "service_followers_user_idx" ON "service_followers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "incidents_update_reminder_idx" ON "incidents" USING btree ("update_reminder_at");--> statement-breakpoint
CREATE INDEX "incidents_snoozed_idx" ON "incidents" USING btree ("snoozed_until");--> statement-breakpoint
CREATE INDEX "incidents_detected_idx" ON "incidents" USING btree ("detected_at");--> statement-breakpoint
-- Incidents from before the lifecycle phases take the phase their status implies.
UPDATE "incidents" SET "phase" = 'response' WHERE "status" = 'acknowledged';--> statement-breakpoint
UPDATE "incidents" SET "phase" = 'recovery' WHERE "status" = 'resolved';--> statement-breakpoint
-- Who acknowledged, from the timeline, for incidents acknowledged before it was kept on the incident.
UPDATE "incidents" SET "acknowledged_by_id" = (SELECT e."actor_id" FROM "incident_events" e WHERE e."incident_id" = "incidents"."id" AND e."type" = 'acknowledged' ORDER BY e."seq" DESC LIMIT 1), "acknowledged_by_name" = (SELECT e."actor_name" FROM "incident_events" e WHERE e."incident_id" = "incidents"."id" AND e."type" = 'acknowledged' ORDER BY e."seq" DESC LIMIT 1) WHERE "acknowledged_at" IS NOT NULL;