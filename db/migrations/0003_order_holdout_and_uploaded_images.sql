CREATE TABLE `uploaded_images` (
	`sha256` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`bytes` blob NOT NULL,
	`byte_length` integer NOT NULL,
	`staff_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `in_holdout` integer DEFAULT false NOT NULL;