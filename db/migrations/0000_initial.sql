CREATE TABLE `collection_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`trigger` text NOT NULL,
	`pid` integer,
	`repositories_total` integer DEFAULT 0 NOT NULL,
	`repositories_done` integer DEFAULT 0 NOT NULL,
	`error` text
);
--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`repository_id` integer NOT NULL,
	`kind` text NOT NULL,
	`forge_comment_id` text NOT NULL,
	`item_kind` text NOT NULL,
	`item_number` integer NOT NULL,
	`author_identity_id` integer,
	`created_at` integer NOT NULL,
	`system` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comments_natural` ON `comments` (`repository_id`,`kind`,`forge_comment_id`);--> statement-breakpoint
CREATE INDEX `comments_item` ON `comments` (`repository_id`,`item_kind`,`item_number`);--> statement-breakpoint
CREATE TABLE `commits` (
	`repository_id` integer NOT NULL,
	`hash` text NOT NULL,
	`author_identity_id` integer NOT NULL,
	`author_date` integer NOT NULL,
	`committer_date` integer NOT NULL,
	`parent_count` integer NOT NULL,
	PRIMARY KEY(`repository_id`, `hash`),
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `commits_author` ON `commits` (`author_identity_id`);--> statement-breakpoint
CREATE INDEX `commits_repo_date` ON `commits` (`repository_id`,`author_date`);--> statement-breakpoint
CREATE TABLE `cursors` (
	`repository_id` integer NOT NULL,
	`resource` text NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`repository_id`, `resource`),
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `forges` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`api_url` text,
	`clone_url` text,
	`token_env` text
);
--> statement-breakpoint
CREATE TABLE `forks` (
	`repository_id` integer NOT NULL,
	`fork_key` text NOT NULL,
	`forge_repo_id` text NOT NULL,
	`owner_account` text NOT NULL,
	`created_at` integer,
	`pushed_at` integer,
	`ahead_by` integer,
	PRIMARY KEY(`repository_id`, `fork_key`),
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `http_cache` (
	`forge_id` text NOT NULL,
	`url` text NOT NULL,
	`etag` text,
	`last_modified` text,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`forge_id`, `url`)
);
--> statement-breakpoint
CREATE TABLE `identities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`name` text DEFAULT '' NOT NULL,
	`login` text DEFAULT '' NOT NULL,
	`forge_user_id` text,
	`email_hash` text DEFAULT '' NOT NULL,
	`email_domain` text,
	`email_generic` integer DEFAULT false NOT NULL,
	`noreply_id` text,
	`noreply_login` text,
	`email_bot` integer DEFAULT false NOT NULL,
	`forge_bot` integer DEFAULT false NOT NULL,
	`person_id` integer,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `identities_natural` ON `identities` (`source`,`name`,`email_hash`,`login`);--> statement-breakpoint
CREATE INDEX `identities_person` ON `identities` (`person_id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`repository_id` integer NOT NULL,
	`kind` text NOT NULL,
	`number` integer NOT NULL,
	`forge_item_id` text NOT NULL,
	`title` text NOT NULL,
	`state` text NOT NULL,
	`author_identity_id` integer,
	`labels` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`closed_at` integer,
	`merged_at` integer,
	`closed_by_identity_id` integer,
	`comment_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by_identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_natural` ON `items` (`repository_id`,`kind`,`number`);--> statement-breakpoint
CREATE INDEX `items_repo_created` ON `items` (`repository_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `licence_history` (
	`repository_id` integer NOT NULL,
	`commit_hash` text NOT NULL,
	`committed_at` integer NOT NULL,
	`path` text NOT NULL,
	`spdx` text,
	PRIMARY KEY(`repository_id`, `commit_hash`, `path`),
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `locks` (
	`name` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`acquired_at` integer NOT NULL,
	`heartbeat_at` integer NOT NULL,
	`ttl_seconds` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (unixepoch()) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `organisation_snapshots` (
	`organisation_id` text NOT NULL,
	`as_of` text NOT NULL,
	`report` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `as_of`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`region` text,
	`ags` text,
	`domains` text DEFAULT '[]' NOT NULL,
	`accounts` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `persons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`pseudonym` text NOT NULL,
	`display_name` text NOT NULL,
	`is_bot` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_key` ON `persons` (`key`);--> statement-breakpoint
CREATE TABLE `project_repositories` (
	`project_id` text NOT NULL,
	`repository_id` integer NOT NULL,
	PRIMARY KEY(`project_id`, `repository_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `project_repositories_repo` ON `project_repositories` (`repository_id`);--> statement-breakpoint
CREATE TABLE `project_snapshots` (
	`project_id` text NOT NULL,
	`as_of` text NOT NULL,
	`lifecycle` text NOT NULL,
	`score` real,
	`coverage` real NOT NULL,
	`report` text NOT NULL,
	PRIMARY KEY(`project_id`, `as_of`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `project_snapshots_as_of` ON `project_snapshots` (`as_of`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`owner_id` text,
	`used_by` text DEFAULT '[]' NOT NULL,
	`source` text DEFAULT 'catalog' NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`forge_id` text PRIMARY KEY NOT NULL,
	`limit` integer,
	`remaining` integer,
	`reset_at` integer,
	`observed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `releases` (
	`repository_id` integer NOT NULL,
	`forge_release_id` text NOT NULL,
	`tag_name` text NOT NULL,
	`name` text,
	`author_identity_id` integer,
	`created_at` integer NOT NULL,
	`published_at` integer,
	`prerelease` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`repository_id`, `forge_release_id`),
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_identity_id`) REFERENCES `identities`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `repositories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`forge_id` text NOT NULL,
	`path` text NOT NULL,
	`forge_repo_id` text,
	`clone_url` text NOT NULL,
	`web_url` text,
	`description` text,
	`default_branch` text,
	`archived` integer,
	`is_fork` integer,
	`fork_parent` text,
	`license_spdx` text,
	`topics` text,
	`has_issues` integer,
	`created_at` integer,
	`pushed_at` integer,
	`root_commits` text,
	`head_commit` text,
	`has_license_file` integer,
	`license_file_spdx` text,
	`has_security_policy` integer,
	`has_contributing` integer,
	`has_publiccode` integer,
	`publiccode` text,
	`publiccode_error` text,
	`last_collected_at` integer,
	`last_success_at` integer,
	`last_error` text,
	`last_error_since` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `repositories_key` ON `repositories` (`key`);--> statement-breakpoint
CREATE INDEX `repositories_forge_repo` ON `repositories` (`forge_id`,`forge_repo_id`);--> statement-breakpoint
CREATE TABLE `run_repositories` (
	`run_id` integer NOT NULL,
	`repository_id` integer NOT NULL,
	`source` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`status` text NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`not_modified` integer DEFAULT 0 NOT NULL,
	`items` integer DEFAULT 0 NOT NULL,
	`error` text,
	PRIMARY KEY(`run_id`, `repository_id`, `source`),
	FOREIGN KEY (`run_id`) REFERENCES `collection_runs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`repository_id` integer NOT NULL,
	`name` text NOT NULL,
	`commit_hash` text NOT NULL,
	`tagged_at` integer NOT NULL,
	PRIMARY KEY(`repository_id`, `name`),
	FOREIGN KEY (`repository_id`) REFERENCES `repositories`(`id`) ON UPDATE no action ON DELETE cascade
);
