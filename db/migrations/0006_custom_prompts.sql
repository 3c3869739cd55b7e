CREATE TABLE `custom_answers` (
	`prompt_id` integer PRIMARY KEY NOT NULL,
	`definition_id` integer NOT NULL,
	`org_id` text NOT NULL,
	`person_id` text NOT NULL,
	`period_key` text NOT NULL,
	`answer` text NOT NULL,
	`items` text DEFAULT '[]' NOT NULL,
	`note` text,
	`outcome` text NOT NULL,
	`answered_by` text NOT NULL,
	`answered_at` integer NOT NULL,
	FOREIGN KEY (`prompt_id`) REFERENCES `prompts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`definition_id`) REFERENCES `custom_prompts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `custom_answers_definition` ON `custom_answers` (`definition_id`,`period_key`);--> statement-breakpoint
CREATE INDEX `custom_answers_person` ON `custom_answers` (`org_id`,`person_id`,`period_key`);--> statement-breakpoint
CREATE TABLE `custom_prompts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`org_id` text NOT NULL,
	`question` text NOT NULL,
	`cadence` text NOT NULL,
	`audience` text NOT NULL,
	`answers` text NOT NULL,
	`checklist` text DEFAULT '[]' NOT NULL,
	`clauses` text DEFAULT '[]' NOT NULL,
	`weight` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`org_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `custom_prompts_org_status` ON `custom_prompts` (`org_id`,`status`);