ALTER TABLE `project_snapshots` ADD `is_new` integer;--> statement-breakpoint
ALTER TABLE `project_snapshots` ADD `active_contributors` integer;--> statement-breakpoint
ALTER TABLE `project_snapshots` ADD `organisation_count` integer;--> statement-breakpoint
ALTER TABLE `project_snapshots` ADD `licence` text;--> statement-breakpoint
ALTER TABLE `project_snapshots` ADD `reuse_ready` integer;--> statement-breakpoint
UPDATE `project_snapshots` SET
	`is_new` = json_extract(`report`, '$.isNew'),
	`active_contributors` = json_extract(`report`, '$.window.activeContributors'),
	`organisation_count` = CASE WHEN json_type(`report`, '$.organisations') = 'array'
		THEN (SELECT count(*) FROM json_each(`report`, '$.organisations') WHERE json_extract(value, '$.id') IS NOT NULL) END,
	`licence` = json_extract(`report`, '$.licence.spdx'),
	`reuse_ready` = json_extract(`report`, '$.reuseReadiness.allMet');
