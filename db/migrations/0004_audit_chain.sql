ALTER TABLE `audit_log` ADD `salt` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `before_digest` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `after_digest` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `prev_hash` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `hash` text;--> statement-breakpoint
CREATE INDEX `audit_chain` ON `audit_log` (`org_id`,`id`);