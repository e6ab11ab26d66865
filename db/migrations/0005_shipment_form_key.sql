ALTER TABLE `shipments` ADD `form_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `shipments_form_key_unique` ON `shipments` (`form_key`);