// Runs before each test file: every file gets its own fresh SQLite file, which
// app/utils/db.server.ts migrates when it is first imported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shop-test-"));
process.env.DATABASE_URL = path.join(dir, "shop.sqlite");
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "test-session-secret-at-least-32-characters-long";
delete process.env.STRIPE_SECRET_KEY;
delete process.env.STRIPE_WEBHOOK_SECRET;
