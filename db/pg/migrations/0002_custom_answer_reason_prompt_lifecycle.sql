ALTER TABLE "custom_answers" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "prompts" ADD COLUMN "remind_at" bigint;--> statement-breakpoint
ALTER TABLE "prompts" ADD COLUMN "closes_at" bigint;--> statement-breakpoint
CREATE INDEX "prompts_open_remind" ON "prompts" USING btree ("kind","remind_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "prompts_open_closes" ON "prompts" USING btree ("kind","closes_at") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "prompts_open_sent" ON "prompts" USING btree ("kind","sent_at") WHERE status = 'open';