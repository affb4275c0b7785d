CREATE TABLE `project_changes` (
	`project_id` text NOT NULL,
	`as_of` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`date` text NOT NULL,
	`detail` text NOT NULL,
	PRIMARY KEY(`project_id`, `as_of`, `kind`, `subject`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `project_changes_project_date` ON `project_changes` (`project_id`,"date" DESC);--> statement-breakpoint
CREATE INDEX `project_changes_date` ON `project_changes` ("date" DESC);--> statement-breakpoint
CREATE INDEX `projects_owner` ON `projects` (`owner_id`);