ALTER TABLE `orders` ADD `card_brand` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `card_last4` text;