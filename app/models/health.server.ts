import { sqlite } from "~/utils/db.server";

export function checkDatabase(): { ok: true } | { ok: false; error: string } {
  try {
    const row = sqlite.prepare("SELECT 1 AS ok").get() as { ok: number } | undefined;
    return row?.ok === 1 ? { ok: true } : { ok: false, error: "unexpected answer" };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : "unavailable" };
  }
}
