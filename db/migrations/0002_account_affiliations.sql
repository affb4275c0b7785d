CREATE TABLE `account_affiliations` (
	`identity_id` integer NOT NULL,
	`from_at` integer,
	`to_at` integer,
	`organisation_id` text NOT NULL,
	FOREIGN KEY (`identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `account_affiliations_identity` ON `account_affiliations` (`identity_id`,`from_at`);--> statement-breakpoint
CREATE INDEX `account_affiliations_organisation` ON `account_affiliations` (`organisation_id`);