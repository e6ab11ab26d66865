-- Experiments decide which offers (and whether suggestions) a cart sees: a change
-- to them moves catalog_version like an offer change does, so every process's
-- cached list and the page cache follow it with no extra read per request.
CREATE TRIGGER experiments_bump_catalog_insert AFTER INSERT ON experiments BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER experiments_bump_catalog_update AFTER UPDATE ON experiments BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER experiments_bump_catalog_delete AFTER DELETE ON experiments BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER experiment_arms_bump_catalog_insert AFTER INSERT ON experiment_arms BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER experiment_arms_bump_catalog_update AFTER UPDATE ON experiment_arms BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
--> statement-breakpoint
CREATE TRIGGER experiment_arms_bump_catalog_delete AFTER DELETE ON experiment_arms BEGIN UPDATE catalog_version SET version = version + 1 WHERE id = 1; END;
