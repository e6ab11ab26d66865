import { describe, expect, it } from "vitest";
import { loader } from "~/routes/healthz";
import { closeDatabase } from "~/utils/db.server";
import { getRequest, run } from "../helpers/remix";

describe("/healthz when the database is gone", () => {
  it("answers 503 with the reason", async () => {
    closeDatabase();
    const res = await run(loader, getRequest("/healthz"));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "error" });
  });
});
