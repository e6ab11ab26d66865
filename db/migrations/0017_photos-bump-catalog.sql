-- A product's photos are part of what its page shows: a change to them moves
-- catalog_version like a variant picture change does, so every process's cached
-- photos and the page cache follow it.
CREATE TRIGGER product_photos_bump_catalog_insert AFTER INSERT ON product_photos BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER product_photos_bump_catalog_update AFTER UPDATE ON product_photos BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER product_photos_bump_catalog_delete AFTER DELETE ON product_photos BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
