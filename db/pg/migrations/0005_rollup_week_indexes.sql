ALTER TABLE "scorecard_rollups" ADD COLUMN "leader_index" integer;--> statement-breakpoint
ALTER TABLE "scorecard_rollups" ADD COLUMN "index_count" integer;