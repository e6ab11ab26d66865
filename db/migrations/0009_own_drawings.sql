-- Custom SQL migration file, put your code below! --
-- Seeded products that shared a drawing get their own (app/art). Only rows still
-- as seeded change: a style staff picked, or a photo staff uploaded, is kept.
UPDATE variants SET image_url = REPLACE(image_url, '/art/tote-east-west/', '/art/tote-carryall/') WHERE image_url LIKE '/art/tote-east-west/%' AND product_id IN (SELECT id FROM products WHERE slug = 'weekend-canvas-carryall' AND art_style = 'tote-east-west');--> statement-breakpoint
UPDATE products SET art_style = 'tote-carryall' WHERE slug = 'weekend-canvas-carryall' AND art_style = 'tote-east-west';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/tote-classic/', '/art/tote-city/') WHERE image_url LIKE '/art/tote-classic/%' AND product_id IN (SELECT id FROM products WHERE slug = 'vegan-leather-city-tote' AND art_style = 'tote-classic');--> statement-breakpoint
UPDATE products SET art_style = 'tote-city' WHERE slug = 'vegan-leather-city-tote' AND art_style = 'tote-classic';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/tote-shopper/', '/art/tote-slouch/') WHERE image_url LIKE '/art/tote-shopper/%' AND product_id IN (SELECT id FROM products WHERE slug = 'lambskin-slouch-tote' AND art_style = 'tote-shopper');--> statement-breakpoint
UPDATE products SET art_style = 'tote-slouch' WHERE slug = 'lambskin-slouch-tote' AND art_style = 'tote-shopper';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/tote-classic/', '/art/tote-croc/') WHERE image_url LIKE '/art/tote-classic/%' AND product_id IN (SELECT id FROM products WHERE slug = 'croc-embossed-vegan-tote' AND art_style = 'tote-classic');--> statement-breakpoint
UPDATE products SET art_style = 'tote-croc' WHERE slug = 'croc-embossed-vegan-tote' AND art_style = 'tote-classic';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/tote-shopper/', '/art/tote-beach/') WHERE image_url LIKE '/art/tote-shopper/%' AND product_id IN (SELECT id FROM products WHERE slug = 'striped-canvas-beach-tote' AND art_style = 'tote-shopper');--> statement-breakpoint
UPDATE products SET art_style = 'tote-beach' WHERE slug = 'striped-canvas-beach-tote' AND art_style = 'tote-shopper';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/micro-chain/', '/art/micro-flap/') WHERE image_url LIKE '/art/micro-chain/%' AND product_id IN (SELECT id FROM products WHERE slug = 'chain-strap-micro-flap' AND art_style = 'micro-chain');--> statement-breakpoint
UPDATE products SET art_style = 'micro-flap' WHERE slug = 'chain-strap-micro-flap' AND art_style = 'micro-chain';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/micro-duffle/', '/art/micro-barrel/') WHERE image_url LIKE '/art/micro-duffle/%' AND product_id IN (SELECT id FROM products WHERE slug = 'micro-barrel-bag' AND art_style = 'micro-duffle');--> statement-breakpoint
UPDATE products SET art_style = 'micro-barrel' WHERE slug = 'micro-barrel-bag' AND art_style = 'micro-duffle';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/micro-bucket/', '/art/micro-sphere/') WHERE image_url LIKE '/art/micro-bucket/%' AND product_id IN (SELECT id FROM products WHERE slug = 'sold-out-micro-sphere' AND art_style = 'micro-bucket');--> statement-breakpoint
UPDATE products SET art_style = 'micro-sphere' WHERE slug = 'sold-out-micro-sphere' AND art_style = 'micro-bucket';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/micro-duffle/', '/art/micro-glitter-duffle/') WHERE image_url LIKE '/art/micro-duffle/%' AND product_id IN (SELECT id FROM products WHERE slug = 'holiday-glitter-micro-duffle' AND art_style = 'micro-duffle');--> statement-breakpoint
UPDATE products SET art_style = 'micro-glitter-duffle' WHERE slug = 'holiday-glitter-micro-duffle' AND art_style = 'micro-duffle';--> statement-breakpoint
UPDATE variants SET image_url = REPLACE(image_url, '/art/mini-top-handle/', '/art/mini-atelier/') WHERE image_url LIKE '/art/mini-top-handle/%' AND product_id IN (SELECT id FROM products WHERE slug = 'limited-atelier-mini' AND art_style = 'mini-top-handle');--> statement-breakpoint
UPDATE products SET art_style = 'mini-atelier' WHERE slug = 'limited-atelier-mini' AND art_style = 'mini-top-handle';--> statement-breakpoint
UPDATE catalog_version SET version = version + 1;
