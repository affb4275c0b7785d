DROP INDEX `commits_author`;--> statement-breakpoint
CREATE INDEX `commits_author` ON `commits` (`author_identity_id`,`author_date`,`parent_count`);--> statement-breakpoint
CREATE INDEX `identities_email_domain` ON `identities` (`email_domain`);