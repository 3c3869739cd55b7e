-- The rollups clustered by their key (WITHOUT ROWID): a leader's weeks are neighbours on disk, so
-- summing a leader's two years reads a few pages instead of one page per week. The triggers that
-- write to the table are dropped first (a rename checks every trigger) and recreated at start-up.
DROP TRIGGER IF EXISTS `rollup_meeting_occurrences_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_meeting_occurrences_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_meeting_occurrences_moved`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_meeting_occurrences_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_prompts_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_prompts_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_prompts_moved`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_prompts_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_floor_walks_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_floor_walks_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_floor_walks_moved`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_floor_walks_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_follow_ups_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_follow_ups_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_follow_ups_moved`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_follow_ups_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_wins_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_wins_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_wins_moved`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_wins_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_win_people_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_win_people_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_win_people_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_away_periods_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_away_periods_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_away_periods_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_site_closures_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_site_closures_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_site_closures_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_custom_answers_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_custom_answers_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_custom_answers_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_people_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_people_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_people_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_sites_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_sites_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_sites_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_teams_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_teams_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_teams_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_floor_walk_schedules_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_floor_walk_schedules_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_floor_walk_schedules_delete`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_organisations_insert`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_organisations_update`;--> statement-breakpoint
DROP TRIGGER IF EXISTS `rollup_organisations_delete`;--> statement-breakpoint
CREATE TABLE `scorecard_rollups_clustered` (
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
) WITHOUT ROWID;--> statement-breakpoint
INSERT INTO `scorecard_rollups_clustered` SELECT `org_id`, `level`, `key`, `week`, `owed_days`, `meetings_yes`, `meetings_due`, `walk_done`, `walk_due`, `wins`, `wins_shared`, `follow_ups_on_time`, `follow_ups_due`, `follow_ups_overdue`, `prompts_in_time`, `prompts_counted`, `streak`, `responses`, `custom`, `stale`, `zone` FROM `scorecard_rollups`;--> statement-breakpoint
DROP TABLE `scorecard_rollups`;--> statement-breakpoint
ALTER TABLE `scorecard_rollups_clustered` RENAME TO `scorecard_rollups`;--> statement-breakpoint
CREATE INDEX `scorecard_rollups_week` ON `scorecard_rollups` (`org_id`,`week`);
