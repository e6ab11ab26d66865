// The only module that writes suggestion events (impressions and adds), the
// raw material of the upsell figures. Impressions are buffered and written in
// batches, so a product page view costs no write on the request path.
import { and, gte, lt, sql } from "drizzle-orm";
import type { EventTally, SuggestionEventRecord } from "~/domain/upsell-metrics";
import { db } from "~/utils/db.server";
import { suggestionEvents, SUGGESTION_PLACEMENTS } from "../../db/schema";

export type Placement = (typeof SUGGESTION_PLACEMENTS)[number];

export interface SuggestionEvent {
  type: "impression" | "add";
  placement: Placement;
  offerId: number | null;
  toteProductId: number | null;
  microProductId: number;
  cartId: string | null;
  createdAt: number;
}

const insertEvent = db
  .insert(suggestionEvents)
  .values({
    type: sql.placeholder("type"),
    placement: sql.placeholder("placement"),
    offerId: sql.placeholder("offerId"),
    toteProductId: sql.placeholder("toteProductId"),
    microProductId: sql.placeholder("microProductId"),
    cartId: sql.placeholder("cartId"),
    createdAt: sql.placeholder("createdAt"),
  })
  .prepare();

const MAX_BUFFER = 500;
let buffer: SuggestionEvent[] = [];

/** Queue impressions; they reach the database within a few seconds (see flushImpressions). */
export function recordImpressions(events: SuggestionEvent[]) {
  buffer.push(...events);
  if (buffer.length >= MAX_BUFFER) flushImpressions();
}

/** Write queued impressions in one transaction. Returns how many were written. */
export function flushImpressions(): number {
  if (buffer.length === 0) return 0;
  const batch = buffer;
  buffer = [];
  db.transaction(() => {
    for (const event of batch) insertEvent.run({ ...event });
  });
  return batch.length;
}

/** An add from a suggestion is rare and valuable: written at once. */
export function recordAdd(event: Omit<SuggestionEvent, "type">) {
  insertEvent.run({ ...event, type: "add" });
}

const eventsBetween = db
  .select()
  .from(suggestionEvents)
  .where(and(gte(suggestionEvents.createdAt, sql.placeholder("from")), lt(suggestionEvents.createdAt, sql.placeholder("to"))))
  .prepare();

/** Events in [from, to), for the upsell figures. */
export function listSuggestionEvents(from: number, to: number): SuggestionEventRecord[] {
  flushImpressions();
  return eventsBetween.all({ from, to }).map((e) => ({
    type: e.type,
    placement: e.placement,
    offerId: e.offerId,
    toteProductId: e.toteProductId,
    microProductId: e.microProductId,
    cartId: e.cartId,
    createdAt: e.createdAt,
  }));
}

const countsBetween = db
  .select({
    type: suggestionEvents.type,
    placement: suggestionEvents.placement,
    offerId: suggestionEvents.offerId,
    count: sql<number>`count(*)`,
  })
  .from(suggestionEvents)
  .where(and(gte(suggestionEvents.createdAt, sql.placeholder("from")), lt(suggestionEvents.createdAt, sql.placeholder("to"))))
  .groupBy(suggestionEvents.type, suggestionEvents.placement, suggestionEvents.offerId)
  .prepare();

/**
 * Events in [from, to) counted by type, placement and offer in SQL (over
 * suggestion_events_created_idx): a handful of rows however many impressions.
 */
export function countSuggestionEvents(from: number, to: number): Required<EventTally>[] {
  flushImpressions();
  return countsBetween.all({ from, to });
}
