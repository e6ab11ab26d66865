// What the orders pages of the back office read from their addresses: the
// list's filter, search and page, and an order number. Pure: no database.
import { z } from "zod";
import type { FieldErrors } from "./cart";
import type { OrderStatus } from "./order-status";

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

export interface OrderListQuery {
  status: OrderStatus | null;
  search: string;
  page: number;
}

const querySchema = z.strictObject({
  status: z
    .string()
    .optional()
    .refine((s) => s === undefined || s === "" || (ORDER_STATUS_FILTERS as readonly string[]).includes(s), {
      message: "Choose a status from the list.",
    }),
  q: z
    .string()
    .optional()
    .refine((s) => s === undefined || s.trim().length <= 100, { message: "Search for at most 100 characters." })
    .refine((s) => s === undefined || !/[\u0000-\u001f]/.test(s), { message: "Search for an order number or an email." }),
  page: z
    .string()
    .optional()
    .refine((s) => s === undefined || s === "" || (/^\d{1,5}$/.test(s) && Number(s) >= 1 && Number(s) <= MAX_ORDER_PAGE), {
      message: "That page does not exist.",
    }),
});

export type OrderListQueryResult =
  | { ok: true; query: OrderListQuery }
  | { ok: false; message: string; fieldErrors: FieldErrors; values: { status: string; q: string } };

/** The list's query string: ?status=paid&q=ada@&page=2 (every part optional). */
export function parseOrderListQuery(params: URLSearchParams): OrderListQueryResult {
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
  const { status, q, page } = parsed.data;
  return {
    ok: true,
    query: {
      status: status ? (status as OrderStatus) : null,
      search: (q ?? "").trim(),
      page: page ? Number(page) : 1,
    },
  };
}

function failure(fieldErrors: FieldErrors, fields: Record<string, string>): OrderListQueryResult {
  return {
    ok: false,
    message: fieldErrors._form ?? Object.values(fieldErrors)[0] ?? "Use the form to filter the orders.",
    fieldErrors,
    values: { status: (fields.status ?? "").slice(0, 40), q: (fields.q ?? "").slice(0, 100) },
  };
}

/** The address of another page of the same list. */
export function orderListHref(query: Pick<OrderListQuery, "status" | "search">, page: number): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.search) params.set("q", query.search);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `/admin/orders?${text}` : "/admin/orders";
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
