ALTER TABLE `floor_walks` ADD `recorded_by` text;--> statement-breakpoint
ALTER TABLE `floor_walks` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `floor_walks` ADD `withdrawn_by` text;--> statement-breakpoint
ALTER TABLE `floor_walks` ADD `withdrawn_reason` text;--> statement-breakpoint
ALTER TABLE `follow_ups` ADD `recorded_by` text;--> statement-breakpoint
ALTER TABLE `wins` ADD `recorded_by` text;--> statement-breakpoint
ALTER TABLE `wins` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `wins` ADD `withdrawn_by` text;--> statement-breakpoint
ALTER TABLE `wins` ADD `withdrawn_reason` text;