// The only module that writes used one-time form tokens. A change guarded by a
// token runs in one transaction with the token's row: either both are written
// or neither, so a token is "used" exactly when its change happened.
import { eq, lt } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { usedFormTokens } from "../../db/schema";

// Kept a month: longer than any page stays open, so a replay finds its row.
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

export type AlreadyDone = { ok: true; alreadyDone: true; message: string };

/** What the change a token allowed said, if the token was used. */
export function usedFormToken(token: string): { purpose: string; outcome: string } | null {
  return db.select({ purpose: usedFormTokens.purpose, outcome: usedFormTokens.outcome }).from(usedFormTokens).where(eq(usedFormTokens.token, token)).get() ?? null;
}

/**
 * Run `change` (synchronous, its own writes nest as a savepoint) once per
 * token: if the token was used, nothing runs and the first outcome is returned;
 * if `change` succeeds, the token is written with `outcome(result)` in the same
 * transaction. A failed change leaves the token unused, so the form can be
 * corrected and sent again.
 */
export function runOnce<T extends { ok: boolean }>(
  args: { token: string; purpose: string; staffId: number | null; now?: number; outcome: (result: T) => string },
  change: () => T,
): T | AlreadyDone {
  const now = args.now ?? Date.now();
  return db.transaction(
    (): T | AlreadyDone => {
      const used = usedFormToken(args.token);
      if (used) return { ok: true, alreadyDone: true, message: used.outcome };
      const result = change();
      if (result.ok) {
        db.insert(usedFormTokens)
          .values({ token: args.token, purpose: args.purpose, staffId: args.staffId, outcome: args.outcome(result).slice(0, 1000), usedAt: now })
          .run();
      }
      return result;
    },
    { behavior: "immediate" },
  );
}

/** Forget tokens older than a month. */
export function sweepFormTokens(now = Date.now()): number {
  return db.delete(usedFormTokens).where(lt(usedFormTokens.usedAt, now - KEEP_MS)).run().changes;
}
