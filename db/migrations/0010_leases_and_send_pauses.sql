CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `send_pauses` (
	`org_id` text PRIMARY KEY NOT NULL,
	`until` integer NOT NULL
);
