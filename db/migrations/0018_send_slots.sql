CREATE TABLE `send_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL,
	`answered` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `send_slots_key_at` ON `send_slots` (`key`,`at`);--> statement-breakpoint
CREATE INDEX `send_slots_in_flight` ON `send_slots` (`key`,`at`) WHERE answered = 0;