// The daily low-stock digest: a sweep in the background loop queues one email
// per owner and manager per shop day, through the outbox, when any SKU is at
// or under its threshold. The dedupe key (day + person) makes it once a day
// however often the sweep runs and however many server processes run it; a
// day with nothing low queues nothing, and a later sweep that day still can.
import { z } from "zod";
import { digestDay, DIGEST_ROLES, lowStockDedupeKey, MAX_DIGEST_LINES, renderLowStockDigest, sortLowStock, type LowStockLine } from "~/domain/low-stock";
import { listStock } from "~/models/inventory.server";
import { enqueueEffect, type OutboxRow } from "~/models/outbox.server";
import { getStaff, listStaff } from "~/models/staff.server";
import { deliverEmail, displayName, fromDomain, shopOrigin } from "~/services/mail.server";
import { PermanentEffectError, registerEffectHandler } from "~/services/outbox.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { shopTimeZone } from "~/utils/shop-time.server";

export const LOW_STOCK_DIGEST_EFFECT = "low_stock_digest";

/** What is low now, sold out first. */
export function lowStockLines(): LowStockLine[] {
  return sortLowStock(
    listStock({ lowOnly: true }).map((s) => ({
      sku: s.sku,
      productName: s.productName,
      colourName: s.colourName,
      available: s.available,
      threshold: s.lowStockThreshold,
    })),
  );
}

/**
 * Queue today's digest for every owner and manager who has none yet. The
 * email carries the list as it is now. Returns how many were queued.
 */
export function queueLowStockDigests(now = Date.now()): number {
  return db.transaction(
    () => {
      const lines = lowStockLines();
      if (lines.length === 0) return 0;
      const day = digestDay(now, shopTimeZone());
      let queued = 0;
      for (const person of listStaff()) {
        if (person.disabledAt !== null || !DIGEST_ROLES.includes(person.role)) continue;
        const added = enqueueEffect({
          kind: LOW_STOCK_DIGEST_EFFECT,
          dedupeKey: lowStockDedupeKey(day, person.id),
          payload: { day, staffId: person.id, lines: lines.slice(0, MAX_DIGEST_LINES), moreLines: Math.max(0, lines.length - MAX_DIGEST_LINES) },
          now,
        });
        if (added) queued += 1;
      }
      return queued;
    },
    { behavior: "immediate" },
  );
}

const payloadSchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  staffId: z.number().int().positive(),
  lines: z
    .array(z.object({ sku: z.string(), productName: z.string(), colourName: z.string(), available: z.number().int(), threshold: z.number().int() }))
    .max(MAX_DIGEST_LINES),
  moreLines: z.number().int().min(0),
});

/** The outbox handler: sent to the person as they are now (a disabled account gets nothing). */
export async function sendLowStockDigest(payload: Record<string, unknown>, row: Pick<OutboxRow, "id" | "createdAt">): Promise<void> {
  const parsed = payloadSchema.safeParse(payload);
  if (!parsed.success) throw new PermanentEffectError(`Unreadable low-stock digest payload: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const { day, staffId, lines, moreLines } = parsed.data;
  const person = getStaff(staffId);
  if (!person || person.disabledAt !== null) throw new PermanentEffectError(`Staff member ${staffId} is no longer active`);
  await deliverEmail({
    to: { name: displayName(person.name), address: person.email },
    rendered: renderLowStockDigest({ day, staffName: person.name, lines, moreLines, stockUrl: `${shopOrigin()}/admin/stock?low=1` }),
    messageId: `<low-stock.${day}.${staffId}.${row.id}@${fromDomain(env().mail.from)}>`,
    fileName: `${row.createdAt}-low-stock-${day}-${staffId}.eml`,
  });
}

export function registerLowStockEffects() {
  registerEffectHandler(LOW_STOCK_DIGEST_EFFECT, sendLowStockDigest);
}
