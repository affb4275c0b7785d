ALTER TABLE `projects` ADD `name_order` integer;--> statement-breakpoint
CREATE INDEX `projects_name_order` ON `projects` (`name_order`);--> statement-breakpoint
-- SQLite has no German collation: until the next collection stores the catalog and the German order
-- with it (jobs/store/project-order.ts), the projects keep the order of their lower-case names.
UPDATE `projects` SET `name_order` = (
	SELECT `n` FROM (SELECT `id`, row_number() OVER (ORDER BY lower(`name`), `id`) AS `n` FROM `projects`) AS `ranked`
	WHERE `ranked`.`id` = `projects`.`id`
);
