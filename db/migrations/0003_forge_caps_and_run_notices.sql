ALTER TABLE `collection_runs` ADD `notices` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `repositories` ADD `releases_capped` integer;