ALTER TABLE `projects` ADD `forges` text;--> statement-breakpoint
UPDATE `projects` SET `forges` = (
	SELECT group_concat(`forge`, ',') FROM (
		SELECT DISTINCT r.`forge_id` AS `forge` FROM `project_repositories` pr JOIN `repositories` r ON r.`id` = pr.`repository_id`
		WHERE pr.`project_id` = `projects`.`id` ORDER BY `forge`));
