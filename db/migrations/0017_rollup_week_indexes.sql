ALTER TABLE `scorecard_rollups` ADD `leader_index` integer;--> statement-breakpoint
ALTER TABLE `scorecard_rollups` ADD `index_count` integer;--> statement-breakpoint
-- Weeks counted before these columns existed have no indexes: count them again before they are read.
UPDATE `scorecard_rollups` SET `stale` = 1 WHERE `level` = 'week';
