CREATE INDEX `comments_author` ON `comments` (`author_identity_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `items_author` ON `items` (`author_identity_id`,`created_at`);