CREATE TABLE `project_history_facts` (
	`project_id` text PRIMARY KEY NOT NULL,
	`fingerprint` text NOT NULL,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
