CREATE TABLE "drills" (
	"id" text PRIMARY KEY NOT NULL,
	"scenario_id" text,
	"service_id" text NOT NULL,
	"name" text NOT NULL,
	"severity" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"injects" jsonb NOT NULL,
	"participants" jsonb,
	"status" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"remind_at" timestamp (3) with time zone,
	"remind_minutes_before" integer NOT NULL,
	"started_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"incident_id" text,
	"injects_done" integer DEFAULT 0 NOT NULL,
	"shift_ms" integer DEFAULT 0 NOT NULL,
	"paused_at" timestamp (3) with time zone,
	"due_at" timestamp (3) with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incidents" ADD COLUMN "drill_id" text;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_scenario_id_drill_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."drill_scenarios"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "drills" ADD CONSTRAINT "drills_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "drills_due_idx" ON "drills" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "drills_remind_idx" ON "drills" USING btree ("remind_at");--> statement-breakpoint
CREATE INDEX "drills_scenario_idx" ON "drills" USING btree ("scenario_id","starts_at");--> statement-breakpoint
CREATE INDEX "drills_starts_idx" ON "drills" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "incidents_drill_idx" ON "incidents" USING btree ("drill_id");