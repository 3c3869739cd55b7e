CREATE TABLE `scorecard_rollup_marks` (
	`id` integer PRIMARY KEY NOT NULL,
	`org_id` text,
	`lo` text,
	`hi` text
);
