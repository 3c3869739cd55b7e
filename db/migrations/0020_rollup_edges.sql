CREATE TABLE `scorecard_rollup_edges` (
	`org_id` text NOT NULL,
	`week` text NOT NULL,
	`key` text NOT NULL,
	`zone` text NOT NULL,
	`token` text NOT NULL,
	`facts` text NOT NULL,
	PRIMARY KEY(`org_id`, `week`, `key`)
);
