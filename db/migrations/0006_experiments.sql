CREATE TABLE `experiment_arms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`experiment_id` integer NOT NULL,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`discount_type` text,
	`discount_value` integer,
	`share_basis_points` integer NOT NULL,
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experiment_arms_position_unique` ON `experiment_arms` (`experiment_id`,`position`);--> statement-breakpoint
CREATE TABLE `experiment_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`experiment_id` integer NOT NULL,
	`cart_id` text NOT NULL,
	`arm_id` integer NOT NULL,
	`assigned_at` integer NOT NULL,
	FOREIGN KEY (`experiment_id`) REFERENCES `experiments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`arm_id`) REFERENCES `experiment_arms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `experiment_assignments_cart_unique` ON `experiment_assignments` (`experiment_id`,`cart_id`);--> statement-breakpoint
CREATE INDEX `experiment_assignments_arm_idx` ON `experiment_assignments` (`arm_id`,`assigned_at`);--> statement-breakpoint
CREATE TABLE `experiments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`source` text DEFAULT 'staff' NOT NULL,
	`hash_salt` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer,
	`staff_id` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `experiments_starts_idx` ON `experiments` (`starts_at`);