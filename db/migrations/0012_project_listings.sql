CREATE TABLE `project_listings` (
	`project_id` text PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`lifecycle` text NOT NULL,
	`score` real,
	`coverage` real NOT NULL,
	`is_new` integer NOT NULL,
	`active_contributors` integer,
	`organisation_count` integer,
	`licence` text,
	`reuse_ready` integer,
	`reuse_organisations` integer NOT NULL,
	`reuse_observed` integer NOT NULL,
	`reuse_municipalities` integer NOT NULL,
	`reuse_municipalities_observed` integer NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `project_listings` (`project_id`, `as_of`, `lifecycle`, `score`, `coverage`, `is_new`, `active_contributors`,
	`organisation_count`, `licence`, `reuse_ready`, `reuse_organisations`, `reuse_observed`, `reuse_municipalities`,
	`reuse_municipalities_observed`)
WITH `newest` AS (
	SELECT `project_id`, MAX(`as_of`) AS `as_of` FROM `project_snapshots`
	WHERE json_extract(`report`, '$.compact') IS NOT 1 GROUP BY `project_id`
), `reuse` AS (
	SELECT rp.`project_id`, count(*) AS n, sum(rp.`observed`) AS observed,
		sum(o.`kind` IN ('municipality', 'county')) AS municipal,
		sum(o.`kind` IN ('municipality', 'county') AND rp.`observed` = 1) AS municipal_observed
	FROM `reuse_pairs` rp LEFT JOIN `organisations` o ON o.`id` = rp.`organisation_id` GROUP BY rp.`project_id`
)
SELECT s.`project_id`, s.`as_of`, s.`lifecycle`, s.`score`, s.`coverage`,
	coalesce(json_extract(s.`report`, '$.isNew'), 0),
	json_extract(s.`report`, '$.window.activeContributors'),
	CASE WHEN json_type(s.`report`, '$.organisations') = 'array'
		THEN (SELECT count(*) FROM json_each(s.`report`, '$.organisations') WHERE json_extract(value, '$.id') IS NOT NULL) END,
	json_extract(s.`report`, '$.licence.spdx'),
	json_extract(s.`report`, '$.reuseReadiness.allMet'),
	coalesce(r.n, 0), coalesce(r.observed, 0), coalesce(r.municipal, 0), coalesce(r.municipal_observed, 0)
FROM `newest` n JOIN `project_snapshots` s ON s.`project_id` = n.`project_id` AND s.`as_of` = n.`as_of`
LEFT JOIN `reuse` r ON r.`project_id` = s.`project_id`;
