CREATE TABLE "scorecard_rollups" (
	"org_id" text NOT NULL,
	"level" text NOT NULL,
	"key" text NOT NULL,
	"week" text NOT NULL,
	"owed_days" integer DEFAULT 0 NOT NULL,
	"meetings_yes" integer DEFAULT 0 NOT NULL,
	"meetings_due" integer DEFAULT 0 NOT NULL,
	"walk_done" integer DEFAULT 0 NOT NULL,
	"walk_due" integer DEFAULT 0 NOT NULL,
	"wins" integer DEFAULT 0 NOT NULL,
	"wins_shared" integer DEFAULT 0 NOT NULL,
	"follow_ups_on_time" integer DEFAULT 0 NOT NULL,
	"follow_ups_due" integer DEFAULT 0 NOT NULL,
	"follow_ups_overdue" integer DEFAULT 0 NOT NULL,
	"prompts_in_time" integer DEFAULT 0 NOT NULL,
	"prompts_counted" integer DEFAULT 0 NOT NULL,
	"streak" text DEFAULT '' NOT NULL,
	"responses" "bytea",
	"custom" text,
	"stale" integer DEFAULT 0 NOT NULL,
	"zone" text,
	CONSTRAINT "scorecard_rollups_org_id_level_key_week_pk" PRIMARY KEY("org_id","level","key","week")
);
--> statement-breakpoint
CREATE INDEX "scorecard_rollups_week" ON "scorecard_rollups" USING btree ("org_id","week");--> statement-breakpoint
CREATE INDEX "people_team" ON "people" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "win_people_person" ON "win_people" USING btree ("person_id","win_id");