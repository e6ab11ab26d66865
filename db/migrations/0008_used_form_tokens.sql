CREATE TABLE `used_form_tokens` (
	`token` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`staff_id` integer,
	`outcome` text NOT NULL,
	`used_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `used_form_tokens_used_idx` ON `used_form_tokens` (`used_at`);