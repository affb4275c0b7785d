CREATE TABLE `organisation_person_months` (
	`organisation_id` text NOT NULL,
	`month` integer NOT NULL,
	`person_id` integer NOT NULL,
	`commits` integer NOT NULL,
	`issues` integer NOT NULL,
	`comments` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `month`, `person_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organisation_project_months` (
	`organisation_id` text NOT NULL,
	`month` integer NOT NULL,
	`project_id` text NOT NULL,
	`commits` integer NOT NULL,
	`issues` integer NOT NULL,
	`comments` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `month`, `project_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `project_commit_months` (
	`project_id` text NOT NULL,
	`month` integer NOT NULL,
	`human_commits` integer NOT NULL,
	PRIMARY KEY(`project_id`, `month`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
