import { json } from "@remix-run/node";
import { checkDatabase } from "~/models/health.server";

// For load balancers and uptime checks: 200 when the database answers, else 503.
export function loader() {
  const check = checkDatabase();
  return json(
    check.ok ? { status: "ok", database: "ok" } : { status: "error", database: check.error },
    { status: check.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
