CREATE TABLE `password_reset_links` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` integer NOT NULL,
	`created_by` integer,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `password_reset_links_staff_idx` ON `password_reset_links` (`staff_id`);