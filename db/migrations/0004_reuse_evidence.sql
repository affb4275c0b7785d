CREATE TABLE `reuse_evidence` (
	`project_id` text NOT NULL,
	`position` integer NOT NULL,
	`as_of` text NOT NULL,
	`organisation_id` text NOT NULL,
	`organisation_name` text NOT NULL,
	`kind` text NOT NULL,
	`strength` text NOT NULL,
	`detail` text NOT NULL,
	`source` text NOT NULL,
	`date` text,
	PRIMARY KEY(`project_id`, `position`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reuse_evidence_pair` ON `reuse_evidence` (`project_id`,`organisation_id`);--> statement-breakpoint
CREATE INDEX `reuse_evidence_organisation` ON `reuse_evidence` (`organisation_id`,`project_id`);--> statement-breakpoint
CREATE TABLE `reuse_pairs` (
	`project_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`observed` integer NOT NULL,
	`evidence` integer NOT NULL,
	PRIMARY KEY(`project_id`, `organisation_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reuse_pairs_organisation` ON `reuse_pairs` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `reuse_pairs_rank` ON `reuse_pairs` ("observed" DESC,"evidence" DESC,`project_id`,`organisation_id`);--> statement-breakpoint
-- Both filled from the newest snapshot of every project, so that an upgraded database shows reuse before the next derive.
INSERT INTO `reuse_evidence` (`project_id`, `position`, `as_of`, `organisation_id`, `organisation_name`, `kind`, `strength`, `detail`, `source`, `date`)
SELECT s.`project_id`, CAST(j.`key` AS integer), s.`as_of`, json_extract(j.`value`, '$.organisationId'),
       coalesce(json_extract(j.`value`, '$.organisationName'), json_extract(j.`value`, '$.organisationId')),
       coalesce(json_extract(j.`value`, '$.kind'), ''), json_extract(j.`value`, '$.strength'),
       coalesce(json_extract(j.`value`, '$.detail'), ''), coalesce(json_extract(j.`value`, '$.source'), ''), json_extract(j.`value`, '$.date')
FROM `project_snapshots` s
JOIN (SELECT `project_id`, max(`as_of`) AS `as_of` FROM `project_snapshots` GROUP BY `project_id`) l
  ON l.`project_id` = s.`project_id` AND l.`as_of` = s.`as_of`
JOIN `projects` p ON p.`id` = s.`project_id`
JOIN json_each(s.`report`, '$.reuse') j
WHERE json_type(s.`report`, '$.reuse') = 'array'
  AND json_type(j.`value`, '$.organisationId') = 'text'
  AND json_extract(j.`value`, '$.organisationId') IS NOT p.`owner_id`
  AND json_extract(j.`value`, '$.strength') IN ('erklärt', 'beobachtet');
--> statement-breakpoint
INSERT INTO `reuse_pairs` (`project_id`, `organisation_id`, `observed`, `evidence`)
SELECT `project_id`, `organisation_id`, max(`strength` = 'beobachtet'), count(*) FROM `reuse_evidence` GROUP BY `project_id`, `organisation_id`;
