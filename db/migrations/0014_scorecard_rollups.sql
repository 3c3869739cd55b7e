CREATE TABLE `scorecard_rollups` (
	`org_id` text NOT NULL,
	`level` text NOT NULL,
	`key` text NOT NULL,
	`week` text NOT NULL,
	`owed_days` integer DEFAULT 0 NOT NULL,
	`meetings_yes` integer DEFAULT 0 NOT NULL,
	`meetings_due` integer DEFAULT 0 NOT NULL,
	`walk_done` integer DEFAULT 0 NOT NULL,
	`walk_due` integer DEFAULT 0 NOT NULL,
	`wins` integer DEFAULT 0 NOT NULL,
	`wins_shared` integer DEFAULT 0 NOT NULL,
	`follow_ups_on_time` integer DEFAULT 0 NOT NULL,
	`follow_ups_due` integer DEFAULT 0 NOT NULL,
	`follow_ups_overdue` integer DEFAULT 0 NOT NULL,
	`prompts_in_time` integer DEFAULT 0 NOT NULL,
	`prompts_counted` integer DEFAULT 0 NOT NULL,
	`streak` text DEFAULT '' NOT NULL,
	`responses` blob,
	`custom` text,
	`stale` integer DEFAULT 0 NOT NULL,
	`zone` text,
	PRIMARY KEY(`org_id`, `level`, `key`, `week`)
);
--> statement-breakpoint
CREATE INDEX `scorecard_rollups_week` ON `scorecard_rollups` (`org_id`,`week`);--> statement-breakpoint
CREATE INDEX `people_team` ON `people` (`team_id`);--> statement-breakpoint
CREATE INDEX `win_people_person` ON `win_people` (`person_id`,`win_id`);