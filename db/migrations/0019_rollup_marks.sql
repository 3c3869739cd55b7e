CREATE TABLE `scorecard_rollup_marks` (
	`id` integer PRIMARY KEY NOT NULL,
	`org_id` text,
	`lo` text,
	`hi` text
);
--> statement-breakpoint
CREATE INDEX `followups_org_closed` ON `follow_ups` (`org_id`,`closed_on`,`status`,`due_date`,`owner_id`,`raised_by`);