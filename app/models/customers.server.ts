// Reads for the customers pages (writes nothing): customers are the email
// addresses of paid orders, gathered from the orders table in one grouped
// query a page; nothing is stored about them apart from their orders.
import { and, asc, count, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import { db } from "~/utils/db.server";
import { orders } from "../../db/schema";
import { containsPattern } from "./orders.server";
import { SOLD_STATUSES } from "./sales.server";

export interface CustomerListItem {
  email: string;
  /** The name on their latest order. */
  name: string | null;
  orders: number;
  /** What they paid, less what was refunded, in cents. */
  spentCents: number;
  refundedCents: number;
  firstOrderAt: number;
  lastOrderAt: number;
}

const sold = and(inArray(orders.status, [...SOLD_STATUSES]), isNotNull(orders.customerEmail), isNotNull(orders.paidAt));

/** Emails with an order whose email or name holds `search` anywhere (any case). */
function matching(search: string): SQL {
  const pattern = containsPattern(search);
  return inArray(
    orders.customerEmail,
    db
      .select({ email: orders.customerEmail })
      .from(orders)
      .where(
        and(
          sold,
          sql`(lower(${orders.customerEmail}) LIKE ${pattern} ESCAPE '\\' OR lower(coalesce(${orders.customerName}, '')) LIKE ${pattern} ESCAPE '\\')`,
        ),
      ),
  );
}

const aggregate = {
  email: sql<string>`${orders.customerEmail}`,
  orders: count(),
  spentCents: sql<number>`coalesce(sum(${orders.totalCents} - ${orders.refundedCents}), 0)`,
  refundedCents: sql<number>`coalesce(sum(${orders.refundedCents}), 0)`,
  firstOrderAt: sql<number>`min(${orders.paidAt})`,
  lastOrderAt: sql<number>`max(${orders.paidAt})`,
  lastOrderId: sql<number>`max(${orders.id})`,
};

function withNames(rows: (Omit<CustomerListItem, "name"> & { lastOrderId: number })[]): CustomerListItem[] {
  if (rows.length === 0) return [];
  const names = new Map(
    db
      .select({ id: orders.id, name: orders.customerName })
      .from(orders)
      .where(inArray(orders.id, rows.map((r) => r.lastOrderId)))
      .all()
      .map((r) => [r.id, r.name]),
  );
  return rows.map(({ lastOrderId, ...r }) => ({ ...r, name: names.get(lastOrderId) ?? null }));
}

/** Customers with their latest order first, a page at a time: three queries. */
export function listCustomers(args: { search?: string | null; limit: number; offset: number }): { customers: CustomerListItem[]; total: number } {
  const limit = Math.min(Math.max(Math.trunc(args.limit), 1), 200);
  const offset = Math.max(Math.trunc(args.offset), 0);
  const search = (args.search ?? "").trim();
  const where = search === "" ? sold : and(sold, matching(search));
  const rows = db
    .select(aggregate)
    .from(orders)
    .where(where)
    .groupBy(orders.customerEmail)
    .orderBy(desc(sql`max(${orders.paidAt})`), asc(orders.customerEmail))
    .limit(limit)
    .offset(offset)
    .all();
  const [totalRow] = db
    .select({ n: sql<number>`count(distinct ${orders.customerEmail})` })
    .from(orders)
    .where(where)
    .all();
  return { customers: withNames(rows), total: totalRow?.n ?? 0 };
}

/** One customer's summary (paid orders only), or null if they never paid for an order. */
export function getCustomer(email: string): CustomerListItem | null {
  const rows = db
    .select(aggregate)
    .from(orders)
    .where(and(sold, eq(orders.customerEmail, email)))
    .groupBy(orders.customerEmail)
    .all();
  return withNames(rows)[0] ?? null;
}

/** Every order placed with this email, whatever its status, newest first. */
export function ordersOfCustomer(email: string) {
  return db
    .select({
      number: orders.number,
      status: orders.status,
      fulfilmentStatus: orders.fulfilmentStatus,
      createdAt: orders.createdAt,
      paidAt: orders.paidAt,
      totalCents: orders.totalCents,
      refundedCents: orders.refundedCents,
      customerName: orders.customerName,
      itemCount: sql<number>`(select coalesce(sum("order_lines"."quantity"), 0) from "order_lines" where "order_lines"."order_id" = "orders"."id")`,
    })
    .from(orders)
    .where(eq(orders.customerEmail, email))
    .orderBy(desc(orders.id))
    .limit(500)
    .all();
}
