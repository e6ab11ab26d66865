-- The twin of SQLite's 0017: a change to a product's photos moves catalog_version,
-- so every server's cached photos and the page cache follow it.
CREATE TRIGGER product_photos_bump_catalog_insert AFTER INSERT ON product_photos FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER product_photos_bump_catalog_update AFTER UPDATE ON product_photos FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER product_photos_bump_catalog_delete AFTER DELETE ON product_photos FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
