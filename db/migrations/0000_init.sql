CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`actor_id` text,
	`entity` text NOT NULL,
	`entity_id` text NOT NULL,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`org_id`,`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `away_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`person_id` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `away_person` ON `away_periods` (`person_id`,`from_date`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`key` text NOT NULL,
	`kind` text NOT NULL,
	`person_id` text,
	`channel` text,
	`subject` text DEFAULT '{}' NOT NULL,
	`due_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`interruptions` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`lease_owner` text,
	`last_error` text,
	`sent_at` integer,
	`message_ref` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_key` ON `deliveries` (`key`);--> statement-breakpoint
CREATE INDEX `deliveries_ready` ON `deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `deliveries_due` ON `deliveries` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `deliveries_org_status` ON `deliveries` (`org_id`,`status`);--> statement-breakpoint
CREATE TABLE `digest_recipients` (
	`org_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`org_id`, `person_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `floor_walk_schedules` (
	`person_id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`weekday` integer DEFAULT 5 NOT NULL,
	`time` text DEFAULT '14:00' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `floor_walks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`person_id` text NOT NULL,
	`area` text NOT NULL,
	`walk_date` text NOT NULL,
	`week_key` text NOT NULL,
	`went_well` text,
	`concerns` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `walks_person_week` ON `floor_walks` (`person_id`,`week_key`);--> statement-breakpoint
CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`walk_id` integer,
	`raised_by` text NOT NULL,
	`owner_id` text NOT NULL,
	`text` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`closed_on` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`walk_id`) REFERENCES `floor_walks`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`raised_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`owner_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `followups_owner` ON `follow_ups` (`owner_id`,`status`,`due_date`,`closed_on`,`org_id`);--> statement-breakpoint
CREATE INDEX `followups_raiser` ON `follow_ups` (`raised_by`,`due_date`,`owner_id`,`status`,`closed_on`,`org_id`);--> statement-breakpoint
CREATE INDEX `followups_org_due` ON `follow_ups` (`org_id`,`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `meeting_occurrences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`meeting_id` integer NOT NULL,
	`person_id` text NOT NULL,
	`occurrence_key` text NOT NULL,
	`starts_at` integer NOT NULL,
	`local_date` text NOT NULL,
	`answer` text,
	`topic` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`answered_at` integer,
	`answered_by` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `occurrence_unique` ON `meeting_occurrences` (`meeting_id`,`occurrence_key`);--> statement-breakpoint
CREATE INDEX `occurrence_person_date` ON `meeting_occurrences` (`person_id`,`local_date`,`answer`);--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`person_id` text NOT NULL,
	`title` text NOT NULL,
	`recurrence` text NOT NULL,
	`days` text,
	`cron` text,
	`time` text,
	`time_zone` text NOT NULL,
	`lead_minutes` integer DEFAULT 10 NOT NULL,
	`duration_minutes` integer DEFAULT 30 NOT NULL,
	`channel` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`removed_at` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `meetings_org_active` ON `meetings` (`org_id`,`active`);--> statement-breakpoint
CREATE INDEX `meetings_person` ON `meetings` (`person_id`);--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`customer_focus` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `objectives_org_code` ON `objectives` (`org_id`,`code`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`name` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`handle` text,
	`display_name` text NOT NULL,
	`time_zone` text,
	`role` text DEFAULT 'member' NOT NULL,
	`site_id` integer,
	`team_id` integer,
	`joined_on` text NOT NULL,
	`unreachable_reason` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `people_org_role` ON `people` (`org_id`,`role`);--> statement-breakpoint
CREATE UNIQUE INDEX `people_org_handle` ON `people` (`org_id`,`handle`);--> statement-breakpoint
CREATE TABLE `processed_events` (
	`key` text PRIMARY KEY NOT NULL,
	`org_id` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `processed_events_at` ON `processed_events` (`at`);--> statement-breakpoint
CREATE TABLE `prompts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`sent_at` integer NOT NULL,
	`answered_at` integer,
	`answer` text,
	`status` text DEFAULT 'open' NOT NULL,
	`snooze_count` integer DEFAULT 0 NOT NULL,
	`snoozed_until` integer,
	`message_ref` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `prompts_subject` ON `prompts` (`person_id`,`kind`,`subject`);--> statement-breakpoint
CREATE INDEX `prompts_person_sent` ON `prompts` (`person_id`,`sent_at`,`answered_at`,`status`);--> statement-breakpoint
CREATE INDEX `prompts_org_kind_status` ON `prompts` (`org_id`,`kind`,`status`);--> statement-breakpoint
CREATE TABLE `scheduler_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `site_closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`site_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text NOT NULL,
	`reason` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `site_closures_site` ON `site_closures` (`site_id`,`from_date`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`time_zone` text NOT NULL,
	`work_days` text DEFAULT '1,2,3,4,5' NOT NULL,
	`wins_channel` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_org_name` ON `sites` (`org_id`,`name_key`);--> statement-breakpoint
CREATE TABLE `slack_dm_channels` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `slack_installations` (
	`team_id` text PRIMARY KEY NOT NULL,
	`enterprise_id` text,
	`team_name` text,
	`bot_token` text NOT NULL,
	`bot_user_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`installer_user_id` text,
	`scopes` text DEFAULT '' NOT NULL,
	`installed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`site_id` integer,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`leader_id` text,
	`channel` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`leader_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_org_name` ON `teams` (`org_id`,`name_key`);--> statement-breakpoint
CREATE INDEX `teams_leader` ON `teams` (`leader_id`);--> statement-breakpoint
CREATE TABLE `teams_conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`service_url` text NOT NULL,
	`conversation_id` text,
	`bot_id` text NOT NULL,
	`user_id` text,
	`team_id` text,
	`name` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_conversations_subject` ON `teams_conversations` (`org_id`,`kind`,`subject`);--> statement-breakpoint
CREATE INDEX `teams_conversations_conversation` ON `teams_conversations` (`org_id`,`conversation_id`);--> statement-breakpoint
CREATE INDEX `teams_conversations_user` ON `teams_conversations` (`org_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `win_people` (
	`win_id` integer NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`win_id`, `person_id`),
	FOREIGN KEY (`win_id`) REFERENCES `wins`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `wins` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`site_id` integer,
	`team_id` integer,
	`posted_by` text NOT NULL,
	`text` text NOT NULL,
	`tags` text DEFAULT '[]' NOT NULL,
	`metric` text,
	`posted_at` integer NOT NULL,
	`source_ref` text,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`posted_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `wins_org_posted` ON `wins` (`org_id`,`posted_at`);--> statement-breakpoint
CREATE INDEX `wins_poster` ON `wins` (`posted_by`,`posted_at`);--> statement-breakpoint
CREATE INDEX `wins_team` ON `wins` (`team_id`,`posted_at`);