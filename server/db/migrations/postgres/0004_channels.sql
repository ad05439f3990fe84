CREATE TABLE "outgoing_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"incident_id" text NOT NULL,
	"page_id" text,
	"user_id" text,
	"contact_method_id" text,
	"webhook_id" text,
	"seq" integer,
	"payload" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"last_error" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone,
	"claimed_by" text,
	"lease_until" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "service_webhooks" (
	"id" text PRIMARY KEY NOT NULL,
	"service_id" text NOT NULL,
	"url" text NOT NULL,
	"secret" text,
	"events" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"webhook_id" text NOT NULL,
	"message_id" text NOT NULL,
	"incident_id" text NOT NULL,
	"event" text NOT NULL,
	"attempt" integer NOT NULL,
	"outcome" text NOT NULL,
	"status" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pages" ADD COLUMN "method" text DEFAULT 'push' NOT NULL;--> statement-breakpoint
ALTER TABLE "pages" ADD COLUMN "contact_method_id" text;--> statement-breakpoint
ALTER TABLE "outgoing_messages" ADD CONSTRAINT "outgoing_messages_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_messages" ADD CONSTRAINT "outgoing_messages_page_id_pages_id_fk" FOREIGN KEY ("page_id") REFERENCES "public"."pages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_messages" ADD CONSTRAINT "outgoing_messages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_messages" ADD CONSTRAINT "outgoing_messages_contact_method_id_contact_methods_id_fk" FOREIGN KEY ("contact_method_id") REFERENCES "public"."contact_methods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outgoing_messages" ADD CONSTRAINT "outgoing_messages_webhook_id_service_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."service_webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_webhooks" ADD CONSTRAINT "service_webhooks_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_webhook_id_service_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."service_webhooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outgoing_messages_due_idx" ON "outgoing_messages" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outgoing_messages_incident_idx" ON "outgoing_messages" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "outgoing_messages_page_idx" ON "outgoing_messages" USING btree ("page_id");--> statement-breakpoint
CREATE INDEX "outgoing_messages_webhook_idx" ON "outgoing_messages" USING btree ("webhook_id","incident_id","seq");--> statement-breakpoint
CREATE INDEX "service_webhooks_service_idx" ON "service_webhooks" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "webhook_attempts_webhook_idx" ON "webhook_attempts" USING btree ("webhook_id","at");--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_contact_method_id_contact_methods_id_fk" FOREIGN KEY ("contact_method_id") REFERENCES "public"."contact_methods"("id") ON DELETE set null ON UPDATE no action;