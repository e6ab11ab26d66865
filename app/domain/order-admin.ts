// What the orders pages of the back office read from their addresses: the
// list's filter, search and page, and an order number. Pure: no database.
import { z } from "zod";
import type { FieldErrors } from "../web/forms";
import type { OrderStatus } from "./order-status";
import { DEFAULT_SHOP_TIMEZONE, parseShopDateRange } from "./shop-time";

export const ORDERS_PER_PAGE = 25;
export const MAX_ORDER_PAGE = 10_000;

export const ORDER_STATUS_FILTERS: readonly OrderStatus[] = [
  "paid",
  "partially_refunded",
  "refunded",
  "pending",
  "payment_failed",
  "expired",
];

/** "TC-" and six letters or digits; lowercase is accepted and upper-cased. */
const ORDER_NUMBER = /^TC-[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/;

export function parseOrderNumber(text: string | undefined): string | null {
  const upper = (text ?? "").trim().toUpperCase();
  return ORDER_NUMBER.test(upper) ? upper : null;
}

/** The list's fulfilment views: "To ship" (the work queue, oldest first), everything, or one fulfilment status. */
export const FULFILMENT_FILTERS = ["to_ship", "all", "unfulfilled", "partially_fulfilled", "fulfilled", "cancelled"] as const;
export type FulfilmentFilterValue = (typeof FULFILMENT_FILTERS)[number];

export const FULFILMENT_FILTER_LABELS: Record<FulfilmentFilterValue, string> = {
  to_ship: "To ship",
  all: "All",
  unfulfilled: "Not shipped",
  partially_fulfilled: "Partly shipped",
  fulfilled: "Shipped",
  cancelled: "Cancelled",
};

export interface OrderListQuery {
  status: OrderStatus | null;
  /** "to_ship" when the list is opened bare; "all" once a search or status filter is given without it. */
  fulfilment: FulfilmentFilterValue;
  search: string;
  page: number;
  /** Placed on these shop days (inclusive, "YYYY-MM-DD"; "" for open), and the same as [fromMs, toMs). */
  from: string;
  to: string;
  placedFrom: number | null;
  placedTo: number | null;
}

/** How many orders one pick list may gather. */
export const MAX_PICK_LIST_ORDERS = 50;

const pickListSchema = z
  .array(z.string())
  .min(1, "Tick at least one order for the pick list.")
  .max(MAX_PICK_LIST_ORDERS, `A pick list takes at most ${MAX_PICK_LIST_ORDERS} orders.`)
  .transform((numbers, ctx) => {
    const parsed = numbers.map(parseOrderNumber);
    if (parsed.some((n) => n === null)) ctx.issues.push({ code: "custom", message: "One of the order numbers isn't one.", input: numbers });
    return [...new Set(parsed.filter((n): n is string => n !== null))];
  });

/** The pick list's query: ?order=TC-…&order=TC-… (nothing else). */
export function parsePickListQuery(params: URLSearchParams): { ok: true; numbers: string[] } | { ok: false; message: string } {
  if ([...params.keys()].some((k) => k !== "order")) return { ok: false, message: "Choose orders with the boxes on the To-ship list." };
  const parsed = pickListSchema.safeParse(params.getAll("order"));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? "Choose orders with the boxes on the To-ship list." };
  return { ok: true, numbers: parsed.data };
}

const querySchema = z.strictObject({
  status: z
    .string()
    .optional()
    .refine((s) => s === undefined || s === "" || (ORDER_STATUS_FILTERS as readonly string[]).includes(s), {
      message: "Choose a status from the list.",
    }),
  fulfilment: z
    .string()
    .optional()
    .refine((s) => s === undefined || s === "" || (FULFILMENT_FILTERS as readonly string[]).includes(s), {
      message: "Choose a shipping state from the list.",
    }),
  q: z
    .string()
    .optional()
    .refine((s) => s === undefined || s.trim().length <= 100, { message: "Search for at most 100 characters." })
    // eslint-disable-next-line no-control-regex -- refusing control characters is the point
    .refine((s) => s === undefined || !/[\u0000-\u001f]/.test(s), { message: "Search for an order number or an email." }),
  page: z
    .string()
    .optional()
    .refine((s) => s === undefined || s === "" || (/^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_ORDER_PAGE), {
      message: "That page does not exist.",
    }),
  from: z.string().max(40, "Enter the first day as a date, like 2026-03-01.").optional(),
  to: z.string().max(40, "Enter the last day as a date, like 2026-03-31.").optional(),
});

export type OrderListQueryResult =
  | { ok: true; query: OrderListQuery }
  | { ok: false; message: string; fieldErrors: FieldErrors; values: { status: string; fulfilment: string; q: string; from: string; to: string } };

/**
 * The list's query string: ?status=paid&q=ada@&from=2026-03-01&to=2026-03-31&page=2
 * (every part optional; the days are the shop's, in `timeZone`).
 */
export function parseOrderListQuery(params: URLSearchParams, now = Date.now(), timeZone = DEFAULT_SHOP_TIMEZONE): OrderListQueryResult {
  const fields: Record<string, string> = {};
  for (const [key, value] of params) {
    // Repeated parameters: the form never sends them.
    if (key in fields) return failure({ _form: "Use the form to filter the orders." }, fields);
    fields[key] = value;
  }
  const parsed = querySchema.safeParse(fields);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const key = issue.code === "unrecognized_keys" ? "_form" : String(issue.path[0] ?? "_form");
      errors[key] ??= issue.code === "unrecognized_keys" ? "Use the form to filter the orders." : issue.message;
    }
    return failure(errors, fields);
  }
  const { status, fulfilment, q, page } = parsed.data;
  const dates = parseShopDateRange({ from: parsed.data.from, to: parsed.data.to }, now, timeZone);
  if (!dates.ok) return failure(dates.fieldErrors, fields);
  const searching = (q ?? "").trim() !== "" || Boolean(status) || dates.range !== null;
  return {
    ok: true,
    query: {
      status: status ? (status as OrderStatus) : null,
      fulfilment: fulfilment ? (fulfilment as FulfilmentFilterValue) : searching ? "all" : "to_ship",
      search: (q ?? "").trim(),
      page: page ? Number(page) : 1,
      from: dates.range ? (parsed.data.from ?? "").trim() : "",
      to: dates.range ? (parsed.data.to ?? "").trim() : "",
      placedFrom: dates.range && (parsed.data.from ?? "").trim() !== "" ? dates.range.fromMs : null,
      placedTo: dates.range && (parsed.data.to ?? "").trim() !== "" ? dates.range.toMs : null,
    },
  };
}

function failure(fieldErrors: FieldErrors, fields: Record<string, string>): OrderListQueryResult {
  return {
    ok: false,
    message: fieldErrors._form ?? Object.values(fieldErrors)[0] ?? "Use the form to filter the orders.",
    fieldErrors,
    values: {
      status: (fields.status ?? "").slice(0, 40),
      fulfilment: (fields.fulfilment ?? "").slice(0, 40),
      q: (fields.q ?? "").slice(0, 100),
      from: (fields.from ?? "").slice(0, 40),
      to: (fields.to ?? "").slice(0, 40),
    },
  };
}

/** The address of another page of the same list. */
export function orderListHref(
  query: Pick<OrderListQuery, "status" | "search"> & Partial<Pick<OrderListQuery, "from" | "to">> & { fulfilment?: FulfilmentFilterValue },
  page: number,
  path = "/admin/orders",
): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  // Left out when it is what the same address would mean without it.
  const implied = query.search || query.status || query.from || query.to ? "all" : "to_ship";
  if (query.fulfilment && query.fulfilment !== implied) params.set("fulfilment", query.fulfilment);
  if (query.search) params.set("q", query.search);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export function pageCount(total: number, perPage = ORDERS_PER_PAGE): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** A shipping address as the lines of a label (empty parts left out). */
export function addressLines(address: Record<string, string | null> | null | undefined): string[] {
  if (!address) return [];
  const a = (k: string) => (typeof address[k] === "string" ? address[k]!.trim() : "");
  const cityLine = [a("postalCode") || a("postal_code"), a("city"), a("state")].filter(Boolean).join(" ");
  return [a("name"), a("line1"), a("line2"), cityLine, a("country")].filter((s) => s !== "");
}
