-- Every change to what the storefront shows bumps one counter, so each server
-- process can check in a single primary-key read whether its catalog cache is current.
INSERT INTO catalog_version (id, version) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER products_bump_catalog_insert AFTER INSERT ON products BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER products_bump_catalog_update AFTER UPDATE ON products BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER products_bump_catalog_delete AFTER DELETE ON products BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER variants_bump_catalog_insert AFTER INSERT ON variants BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER variants_bump_catalog_update AFTER UPDATE ON variants BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER variants_bump_catalog_delete AFTER DELETE ON variants BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER bundle_offers_bump_catalog_insert AFTER INSERT ON bundle_offers BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER bundle_offers_bump_catalog_update AFTER UPDATE ON bundle_offers BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER bundle_offers_bump_catalog_delete AFTER DELETE ON bundle_offers BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER settings_bump_catalog_insert AFTER INSERT ON settings BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER settings_bump_catalog_update AFTER UPDATE ON settings BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
