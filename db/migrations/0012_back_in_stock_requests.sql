CREATE TABLE `back_in_stock_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`product_id` integer NOT NULL,
	`colour` text NOT NULL,
	`email` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`notified_at` integer,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `back_in_stock_product_colour_email_unique` ON `back_in_stock_requests` (`product_id`,`colour`,`email`);--> statement-breakpoint
CREATE INDEX `back_in_stock_pending_idx` ON `back_in_stock_requests` (`product_id`,`colour`,`notified_at`);