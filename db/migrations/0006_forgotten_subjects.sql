CREATE TABLE `forgotten_subjects` (
	`kind` text NOT NULL,
	`key_hash` text NOT NULL,
	`request_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `key_hash`)
);
