ALTER TABLE `scorecard_rollups` ADD `leader_index` integer;--> statement-breakpoint
-- Weeks counted before the column existed have no index: count them again before they are read.
UPDATE `scorecard_rollups` SET `stale` = 1 WHERE `level` = 'week';
