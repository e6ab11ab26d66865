-- PostgreSQL twin of the SQLite triggers in db/migrations (0001, 0011, 0013):
-- every change to what the storefront shows bumps catalog_version, every change
-- to a variant's stock levels bumps stock_version, so each server process can
-- tell in one primary-key read whether its cached catalog is current.
-- FOR EACH ROW, as SQLite's triggers are: an UPDATE of n rows bumps n times and
-- an UPDATE of no row does not bump. tests/integration/postgres-triggers.test.ts
-- runs the same statements on both engines and compares the counters.
INSERT INTO catalog_version (id, version) VALUES (1, 0);
--> statement-breakpoint
INSERT INTO stock_version (id, version) VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION bump_catalog_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE catalog_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION bump_stock_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE stock_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER products_bump_catalog_insert AFTER INSERT ON products FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER products_bump_catalog_update AFTER UPDATE ON products FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER products_bump_catalog_delete AFTER DELETE ON products FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER variants_bump_catalog_insert AFTER INSERT ON variants FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
-- Every shown column of variants, except the two stock columns (and the
-- timestamps, which no page shows), as SQLite's 0011_stock_triggers.
CREATE TRIGGER variants_bump_catalog_update AFTER UPDATE ON variants FOR EACH ROW
WHEN (
  OLD.product_id IS DISTINCT FROM NEW.product_id
  OR OLD.sku IS DISTINCT FROM NEW.sku
  OR OLD.colour_name IS DISTINCT FROM NEW.colour_name
  OR OLD.colour_hex IS DISTINCT FROM NEW.colour_hex
  OR OLD.hardware IS DISTINCT FROM NEW.hardware
  OR OLD.price_cents IS DISTINCT FROM NEW.price_cents
  OR OLD.compare_at_cents IS DISTINCT FROM NEW.compare_at_cents
  OR OLD.low_stock_threshold IS DISTINCT FROM NEW.low_stock_threshold
  OR OLD.image_url IS DISTINCT FROM NEW.image_url
  OR OLD.position IS DISTINCT FROM NEW.position
)
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER variants_bump_catalog_delete AFTER DELETE ON variants FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER bundle_offers_bump_catalog_insert AFTER INSERT ON bundle_offers FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER bundle_offers_bump_catalog_update AFTER UPDATE ON bundle_offers FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER bundle_offers_bump_catalog_delete AFTER DELETE ON bundle_offers FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER settings_bump_catalog_insert AFTER INSERT ON settings FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER settings_bump_catalog_update AFTER UPDATE ON settings FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER experiments_bump_catalog_insert AFTER INSERT ON experiments FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER experiments_bump_catalog_update AFTER UPDATE ON experiments FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER experiments_bump_catalog_delete AFTER DELETE ON experiments FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER experiment_arms_bump_catalog_insert AFTER INSERT ON experiment_arms FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER experiment_arms_bump_catalog_update AFTER UPDATE ON experiment_arms FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER experiment_arms_bump_catalog_delete AFTER DELETE ON experiment_arms FOR EACH ROW
EXECUTE FUNCTION bump_catalog_version();
--> statement-breakpoint
CREATE TRIGGER variants_bump_stock_update AFTER UPDATE ON variants FOR EACH ROW
WHEN (OLD.stock_on_hand IS DISTINCT FROM NEW.stock_on_hand OR OLD.stock_held IS DISTINCT FROM NEW.stock_held)
EXECUTE FUNCTION bump_stock_version();
