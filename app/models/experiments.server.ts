// The only module that writes experiments, their arms and cart assignments.
// The list is tiny and read on every page with suggestions: cached, and
// re-read when a one-row check (count and last change) says it moved, so
// every process sees a new or stopped experiment at once.
import { and, asc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import type { AddRecord, AssignmentRecord, Experiment, ExperimentArm, ExperimentInput, ExperimentOrder } from "~/domain/experiments";
import { assignArm, checkExperimentFits, isRunning, PAID_STATUSES } from "~/domain/experiments";
import { recordAudit, type Actor } from "~/models/audit.server";
import { currentCatalogVersion } from "~/models/catalog.server";
import { db } from "~/utils/db.server";
import { HOLDOUT_SETTING } from "~/models/settings.server";
import { carts, settings, experimentArms, experimentAssignments, experiments, orderAddons, orderLines, orders, suggestionEvents } from "../../db/schema";

type OrderStatus = (typeof orders.$inferSelect)["status"];

// Kept per catalog version: triggers on experiments and their arms bump it (migration 0013).
let cache: { version: number; list: Experiment[] } | null = null;

function armFromRow(row: typeof experimentArms.$inferSelect): ExperimentArm {
  const discount =
    row.kind !== "discount" || row.discountValue === null
      ? null
      : row.discountType === "fixed"
        ? ({ type: "fixed", cents: row.discountValue } as const)
        : ({ type: "percent", percent: row.discountValue } as const);
  return { id: row.id, position: row.position, label: row.label, kind: row.kind, discount, shareBasisPoints: row.shareBasisPoints };
}

/** Every experiment with its arms, newest first. */
export function listExperiments(version = currentCatalogVersion()): Experiment[] {
  if (cache && cache.version === version) return cache.list;
  const rows = db.select().from(experiments).orderBy(sql`${experiments.startsAt} desc`, sql`${experiments.id} desc`).all();
  const arms = db.select().from(experimentArms).orderBy(asc(experimentArms.position)).all();
  const list = rows.map((r) => ({
    id: r.id,
    name: r.name,
    source: r.source,
    hashSalt: r.hashSalt,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    arms: arms.filter((a) => a.experimentId === r.id).map(armFromRow),
  }));
  cache = { version, list };
  return list;
}

/** The experiment running at `now`; `version` is the catalog version the caller already read, if any. */
export function runningExperiment(now = Date.now(), version?: number): Experiment | null {
  return listExperiments(version).find((e) => isRunning(e, now)) ?? null;
}

export function getExperiment(id: number): Experiment | null {
  return listExperiments().find((e) => e.id === id) ?? null;
}

function insertExperiment(input: Omit<ExperimentInput, "endsAt"> & { endsAt: number | null; source: Experiment["source"]; legacySalt?: boolean }, actor: Actor, now: number): Experiment {
  const row = db
    .insert(experiments)
    .values({
      name: input.name,
      source: input.source,
      hashSalt: "",
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      staffId: actor.staffId,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  // New experiments shuffle carts by their own id; the holdout's keeps the old buckets.
  const hashSalt = input.legacySalt ? "" : `${row.id}:`;
  if (hashSalt) db.update(experiments).set({ hashSalt }).where(eq(experiments.id, row.id)).run();
  const arms = input.arms.map((a) =>
    db
      .insert(experimentArms)
      .values({
        experimentId: row.id,
        position: a.position,
        label: a.label,
        kind: a.kind,
        discountType: a.discount?.type ?? null,
        discountValue: a.discount === null ? null : a.discount.type === "percent" ? a.discount.percent : a.discount.cents,
        shareBasisPoints: a.shareBasisPoints,
      })
      .returning()
      .get(),
  );
  recordAudit({ staffId: actor.staffId, action: "experiment.create", entityType: "experiment", entityId: row.id, before: null, after: { ...input }, now });
  return { id: row.id, name: row.name, source: row.source, hashSalt, startsAt: row.startsAt, endsAt: row.endsAt, arms: arms.map(armFromRow) };
}

/** Create an experiment unless its dates overlap another's: checked and written in one transaction. */
export function createExperiment(input: ExperimentInput, actor: Actor, now = Date.now()): { ok: true; experiment: Experiment } | { ok: false; message: string } {
  return db.transaction(
    () => {
      const others = db.select({ name: experiments.name, startsAt: experiments.startsAt, endsAt: experiments.endsAt }).from(experiments).all();
      const clash = checkExperimentFits(input, others);
      if (clash) return { ok: false as const, message: clash };
      return { ok: true as const, experiment: insertExperiment({ ...input, source: "staff" }, actor, now) };
    },
    { behavior: "immediate" },
  );
}

/** Stop a running or scheduled experiment now (its end becomes now). Stopping twice changes nothing. */
export function stopExperiment(id: number, actor: Actor, now = Date.now()): { ok: true; stopped: boolean; name: string } | { ok: false; message: string } {
  return db.transaction(
    () => {
      const row = db.select().from(experiments).where(eq(experiments.id, id)).get();
      if (!row) return { ok: false as const, message: "That experiment does not exist." };
      if (row.endsAt !== null && row.endsAt <= now) return { ok: true as const, stopped: false, name: row.name };
      const endsAt = Math.max(now, row.startsAt);
      db.update(experiments).set({ endsAt, updatedAt: now }).where(eq(experiments.id, id)).run();
      recordAudit({ staffId: actor.staffId, action: "experiment.stop", entityType: "experiment", entityId: id, before: { endsAt: row.endsAt }, after: { endsAt }, now });
      return { ok: true as const, stopped: true, name: row.name };
    },
    { behavior: "immediate" },
  );
}

export const HOLDOUT_EXPERIMENT_NAME = "Upsell holdout";

function holdoutArms(percent: number): ExperimentInput["arms"] {
  const held = Math.round(percent * 100);
  return [
    { position: 0, label: "No suggestions", kind: "holdout", discount: null, shareBasisPoints: held },
    { position: 1, label: "Suggestions", kind: "offers", discount: null, shareBasisPoints: 10_000 - held },
  ];
}

/**
 * The holdout setting as an experiment: stop the one made from it (if running)
 * and, above 0 %, start a new two-arm one now with the old buckets. Runs inside
 * the caller's transaction (the setting's write). Refused while staff run one.
 */
export function replaceHoldoutExperiment(percent: number, actor: Actor, now = Date.now()): { ok: true } | { ok: false; message: string } {
  const running = db.select().from(experiments).all().filter((e) => e.endsAt === null || e.endsAt > now);
  const staffRun = running.find((e) => e.source === "staff");
  if (staffRun) return { ok: false, message: `"${staffRun.name}" is running or scheduled: stop it before changing the holdout.` };
  for (const e of running) db.update(experiments).set({ endsAt: Math.max(now, e.startsAt), updatedAt: now }).where(eq(experiments.id, e.id)).run();
  if (percent > 0) insertExperiment({ name: HOLDOUT_EXPERIMENT_NAME, startsAt: now, endsAt: null, arms: holdoutArms(percent), source: "holdout_setting", legacySalt: true }, actor, now);
  return { ok: true };
}

/** Is any staff experiment running or scheduled at `now` (the holdout setting cannot change then)? */
export function staffExperimentPending(now = Date.now()): string | null {
  return listExperiments().find((e) => e.source === "staff" && (e.endsAt === null || e.endsAt > now))?.name ?? null;
}

/**
 * Start-up step: a shop that had the holdout setting on before experiments
 * existed gets it as the "Upsell holdout" experiment, started when the setting
 * was last saved, with every cart it knows about (carts, orders, suggestion
 * events since then) assigned on its old side at the time first seen. Runs in
 * one transaction and does nothing once any holdout experiment exists.
 */
export function adoptHoldoutSetting(percent: number, now = Date.now()): boolean {
  if (!(percent > 0)) return false;
  return db.transaction(
    () => {
      const exists = db.select({ id: experiments.id }).from(experiments).where(eq(experiments.source, "holdout_setting")).get();
      if (exists) return false;
      // From when the setting was saved; a share from the environment only: from the beginning.
      const saved = db.select({ at: settings.updatedAt }).from(settings).where(eq(settings.key, HOLDOUT_SETTING)).get();
      const startsAt = Math.min(saved?.at ?? 0, now);
      const e = insertExperiment({ name: HOLDOUT_EXPERIMENT_NAME, startsAt, endsAt: null, arms: holdoutArms(percent), source: "holdout_setting", legacySalt: true }, { staffId: null }, now);
      // The earliest sign of each cart since the start; every known cart, so both sides are counted alike.
      const seen = db.all<{ cartId: string; at: number }>(sql`
        select cart_id as cartId, min(at) as at from (
          select ${carts.id} as cart_id, ${carts.createdAt} as at from ${carts} where ${carts.createdAt} >= ${startsAt}
          union all
          select ${orders.cartId}, ${orders.createdAt} from ${orders} where ${orders.cartId} is not null and ${orders.createdAt} >= ${startsAt}
          union all
          select ${suggestionEvents.cartId}, ${suggestionEvents.createdAt} from ${suggestionEvents} where ${suggestionEvents.cartId} is not null and ${suggestionEvents.createdAt} >= ${startsAt}
        ) group by cart_id`);
      for (const s of seen) {
        const arm = assignArm(e, s.cartId);
        db.insert(experimentAssignments).values({ experimentId: e.id, cartId: s.cartId, armId: arm.id, assignedAt: s.at }).onConflictDoNothing().run();
      }
      return true;
    },
    { behavior: "immediate" },
  );
}

// ---------------------------------------------------------------- assignments

const insertAssignment = db
  .insert(experimentAssignments)
  .values({
    experimentId: sql.placeholder("experimentId"),
    cartId: sql.placeholder("cartId"),
    armId: sql.placeholder("armId"),
    assignedAt: sql.placeholder("assignedAt"),
  })
  .onConflictDoNothing()
  .prepare();

// Carts this process has already recorded: a page view costs no write after the first.
const recorded = new Set<string>();
const MAX_RECORDED = 50_000;

/** Record a cart's arm once, with the time it first saw (or would have seen) a suggestion. */
export function recordAssignment(experimentId: number, cartId: string, armId: number, now = Date.now()) {
  const key = `${experimentId}:${cartId}`;
  if (recorded.has(key)) return;
  insertAssignment.run({ experimentId, cartId, armId, assignedAt: now });
  if (recorded.size >= MAX_RECORDED) recorded.clear();
  recorded.add(key);
}

// ---------------------------------------------------------------- figures

export interface ExperimentData {
  assignments: AssignmentRecord[];
  orders: ExperimentOrder[];
  adds: AddRecord[];
}

/** The experiment's assigned carts, their paid orders since the start, and their suggestion adds. Three queries. */
export function loadExperimentData(experiment: Pick<Experiment, "id" | "startsAt">): ExperimentData {
  const assignments = db
    .select({ cartId: experimentAssignments.cartId, armId: experimentAssignments.armId, assignedAt: experimentAssignments.assignedAt })
    .from(experimentAssignments)
    .where(eq(experimentAssignments.experimentId, experiment.id))
    .all();
  const assigned = db.select({ cartId: experimentAssignments.cartId }).from(experimentAssignments).where(eq(experimentAssignments.experimentId, experiment.id));
  const orderRows = db
    .select({
      id: orders.id,
      cartId: orders.cartId,
      status: orders.status,
      createdAt: orders.createdAt,
      goodsCents: sql<number>`${orders.subtotalCents} - ${orders.discountCents}`,
      refundedCents: orders.refundedCents,
    })
    .from(orders)
    .where(and(inArray(orders.cartId, assigned), gte(orders.createdAt, experiment.startsAt), inArray(orders.status, PAID_STATUSES as OrderStatus[])))
    .all();
  const ids = orderRows.map((o) => o.id);
  const lines =
    ids.length === 0
      ? []
      : db
          .select({
            orderId: orderLines.orderId,
            productKind: orderLines.productKind,
            productId: orderLines.productId,
            quantity: orderLines.quantity,
            restockedQuantity: orderLines.restockedQuantity,
            lineTotalCents: orderLines.lineTotalCents,
          })
          .from(orderLines)
          .where(inArray(orderLines.orderId, db.select({ id: orders.id }).from(orders).where(and(inArray(orders.cartId, assigned), gte(orders.createdAt, experiment.startsAt)))))
          .all();
  // A micro bag added after payment is its own order row (payment, refund) but
  // part of the first order's purchase: counted in that order, not as another.
  const parentOf = new Map(
    ids.length === 0
      ? []
      : db
          .select({ addon: orderAddons.addonOrderId, parent: orderAddons.parentOrderId })
          .from(orderAddons)
          .where(inArray(orderAddons.addonOrderId, ids))
          .all()
          .map((r) => [r.addon, r.parent] as const),
  );
  const byOrder = new Map<number, ExperimentOrder>();
  for (const o of orderRows) {
    if (parentOf.has(o.id) && orderRows.some((p) => p.id === parentOf.get(o.id))) continue;
    byOrder.set(o.id, { cartId: o.cartId!, status: o.status, createdAt: o.createdAt, goodsCents: o.goodsCents, refundedCents: o.refundedCents, lines: [] });
  }
  for (const o of orderRows) {
    const parent = byOrder.get(parentOf.get(o.id) ?? -1);
    if (parent && !byOrder.has(o.id)) {
      parent.goodsCents += o.goodsCents;
      parent.refundedCents += o.refundedCents;
    }
  }
  for (const { orderId, ...line } of lines) (byOrder.get(orderId) ?? byOrder.get(parentOf.get(orderId) ?? -1))?.lines.push(line);
  const adds = db
    .select({ cartId: suggestionEvents.cartId, microProductId: suggestionEvents.microProductId, placement: suggestionEvents.placement, createdAt: suggestionEvents.createdAt })
    .from(suggestionEvents)
    .where(and(eq(suggestionEvents.type, "add"), isNotNull(suggestionEvents.cartId), inArray(suggestionEvents.cartId, assigned), gte(suggestionEvents.createdAt, experiment.startsAt)))
    .all()
    .map((a) => ({ ...a, cartId: a.cartId! }));
  return { assignments, orders: [...byOrder.values()], adds };
}
