ALTER TABLE `repositories` ADD `well_known_files` text;--> statement-breakpoint
ALTER TABLE `repositories` ADD `branch_protection` text;