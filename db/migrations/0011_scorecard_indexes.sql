CREATE INDEX `people_team` ON `people` (`team_id`);--> statement-breakpoint
CREATE INDEX `win_people_person` ON `win_people` (`person_id`,`win_id`);