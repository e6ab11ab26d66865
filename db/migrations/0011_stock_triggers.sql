-- Stock levels change on every hold and sale; everything else about a variant
-- changes only when staff edit it. Each kind of change now moves its own
-- counter, so a sale no longer makes every process rebuild its catalog.
INSERT INTO stock_version (id, version) VALUES (1, 0);
--> statement-breakpoint
DROP TRIGGER variants_bump_catalog_update;
--> statement-breakpoint
-- Every shown column of variants, except the two stock columns (and the
-- timestamps, which no page shows). tests/integration/stock-version.test.ts
-- fails if a column is added to variants without being named here.
CREATE TRIGGER variants_bump_catalog_update AFTER UPDATE ON variants
WHEN OLD.product_id IS NOT NEW.product_id OR OLD.sku IS NOT NEW.sku OR OLD.colour_name IS NOT NEW.colour_name
  OR OLD.colour_hex IS NOT NEW.colour_hex OR OLD.hardware IS NOT NEW.hardware OR OLD.price_cents IS NOT NEW.price_cents
  OR OLD.compare_at_cents IS NOT NEW.compare_at_cents OR OLD.low_stock_threshold IS NOT NEW.low_stock_threshold
  OR OLD.image_url IS NOT NEW.image_url OR OLD.position IS NOT NEW.position
BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER variants_bump_stock_update AFTER UPDATE ON variants
WHEN OLD.stock_on_hand IS NOT NEW.stock_on_hand OR OLD.stock_held IS NOT NEW.stock_held
BEGIN UPDATE stock_version SET version = version + 1 WHERE id = 1; END;
