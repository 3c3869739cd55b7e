ALTER TABLE `prompts` ADD `remind_at` integer;--> statement-breakpoint
ALTER TABLE `prompts` ADD `closes_at` integer;--> statement-breakpoint
CREATE INDEX `prompts_open_remind` ON `prompts` (`kind`,`remind_at`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `prompts_open_closes` ON `prompts` (`kind`,`closes_at`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `prompts_open_sent` ON `prompts` (`kind`,`sent_at`) WHERE status = 'open';