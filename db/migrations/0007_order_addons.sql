CREATE TABLE `order_addons` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_order_id` integer NOT NULL,
	`addon_order_id` integer NOT NULL,
	`tote_product_id` integer,
	`variant_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`parent_order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`addon_order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_addons_addon_unique` ON `order_addons` (`addon_order_id`);--> statement-breakpoint
CREATE INDEX `order_addons_parent_idx` ON `order_addons` (`parent_order_id`);