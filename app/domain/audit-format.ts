// The audit log as a person reads it: "Changed the price of Lime Micro Duffle
// · Lime (MD-LIME-G) from $46.50 to $1.00", order numbers instead of ids, money
// as money, one sentence per kind of change and one line per changed field.
// Pure: the caller looks up names (products, colours, orders, offers, staff)
// for the page's entries in a few queries and passes them in.
import { z } from "zod";
import { toCsv } from "./csv";
import { CARRIER_LABELS } from "./fulfilment";
import { formatCents } from "./money";
import { ORDER_STATUS_LABELS } from "./order-status";
import { formatShopMinute, parseShopDateRange } from "./shop-time";

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface VariantName {
  sku: string;
  productName: string;
  colourName: string;
}

export interface AuditNames {
  products: ReadonlyMap<number, string>;
  variants: ReadonlyMap<number, VariantName>;
  orders: ReadonlyMap<number, string>;
  orderLines: ReadonlyMap<number, VariantName>;
  offers: ReadonlyMap<number, string>;
  staff: ReadonlyMap<number, string>;
  shippingMethods: ReadonlyMap<number, string>;
}

export const NO_NAMES: AuditNames = {
  products: new Map(),
  variants: new Map(),
  orders: new Map(),
  orderLines: new Map(),
  offers: new Map(),
  staff: new Map(),
  shippingMethods: new Map(),
};

export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

export interface ReadableAudit {
  /** One sentence: what happened to what. */
  summary: string;
  /** Each changed field, before → after, as text. */
  changes: AuditChange[];
  /** Further facts (reason, units put back, note). */
  details: string[];
  /** Where the thing lives in the back office, if anywhere. */
  href: string | null;
}

/** The kinds of change the shop writes, as the filter offers them. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "product.create": "Product added",
  "product.update": "Product changed",
  "product.delete": "Product deleted",
  "variant.create": "Colour added",
  "variant.update": "Colour or price changed",
  "variant.delete": "Colour deleted",
  "variant.image": "Picture changed",
  "product.photo.add": "Photo added",
  "product.photo.update": "Photo description changed",
  "product.photo.move": "Photo moved",
  "product.photo.delete": "Photo deleted",
  "stock.adjust": "Stock adjusted",
  "stock.set": "Stock counted",
  "stock.threshold": "Low-stock threshold changed",
  "stock.import": "Stock count imported",
  "order.refund": "Refund",
  "order.auto_refund_scheduled": "Automatic refund scheduled",
  "order.auto_refund": "Automatic refund",
  "order.cancel": "Order cancelled",
  "order.shipment.create": "Shipment sent",
  "order.shipment.tracking": "Tracking changed",
  "order.shipment.delivered": "Shipment delivered",
  "offer.create": "Offer added",
  "offer.update": "Offer changed",
  "offer.enable": "Offer switched on",
  "offer.disable": "Offer switched off",
  "setting.update": "Setting changed",
  "shipping.create": "Shipping method added",
  "shipping.update": "Shipping method changed",
  "shipping.activate": "Shipping method switched on",
  "shipping.deactivate": "Shipping method switched off",
  "staff.create": "Staff member added",
  "staff.change_role": "Staff role changed",
  "staff.disable": "Staff member disabled",
  "staff.enable": "Staff member enabled",
  "staff.reset_password": "Password reset",
  "outbox.send_again": "Email or Stripe call sent again",
};

/** "order.shipment.create" → its label, or a readable form of an action the list does not know. */
export function actionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action];
  if (known) return known;
  const words = action.replace(/[._-]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Change";
}

const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  slug: "Web address",
  kind: "Kind",
  status: "Status",
  description: "Description",
  material: "Material",
  widthCm: "Width (cm)",
  heightCm: "Height (cm)",
  depthCm: "Depth (cm)",
  occasions: "Occasions",
  tags: "Tags",
  isKids: "For children",
  isLimited: "Limited edition",
  attachment: "Attachment",
  handleWidthCm: "Handle width (cm)",
  hasStrapRing: "Strap ring",
  artStyle: "Illustration",
  featuredRank: "Featured rank",
  productId: "Product",
  sku: "SKU",
  colourName: "Colour",
  colourHex: "Colour code",
  hardware: "Hardware",
  priceCents: "Price",
  compareAtCents: "Compare-at price",
  imageUrl: "Picture",
  alt: "Description",
  position: "Position",
  onHand: "On hand",
  held: "Held",
  lowStockThreshold: "Low-stock threshold",
  triggerType: "Trigger",
  triggerValue: "Trigger",
  addonType: "Add-ons",
  addonValue: "Add-ons",
  discountType: "Discount type",
  discountValue: "Discount",
  maxAddonsPerTrigger: "Add-ons per trigger",
  activeFrom: "Starts",
  activeUntil: "Ends",
  priority: "Priority",
  enabled: "Switched on",
  freeOverCents: "Free over",
  minDays: "Fastest delivery (days)",
  maxDays: "Slowest delivery (days)",
  countries: "Countries",
  active: "Active",
  email: "Email",
  role: "Role",
  disabled: "Disabled",
  value: "Value",
  fulfilmentStatus: "Shipping",
  refundedCents: "Refunded in all",
  carrier: "Carrier",
  trackingNumber: "Tracking number",
  trackingUrl: "Tracking link",
  deliveredAt: "Delivered",
};

const ROLE_NAMES: Record<string, string> = { owner: "Owner", staff: "Staff" };
const FULFILMENT_NAMES: Record<string, string> = {
  unfulfilled: "Not shipped",
  partially_fulfilled: "Partly shipped",
  fulfilled: "Shipped",
  cancelled: "Cancelled",
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
const money = (v: unknown): string => (num(v) === null ? "none" : formatCents(Math.trunc(num(v)!)));
const quote = (s: string) => `“${s}”`;

function variantText(v: VariantName): string {
  return `${v.productName} · ${v.colourName} (${v.sku})`;
}

/** The readable value of one field. */
function valueText(field: string, value: unknown, names: AuditNames, timeZone: string, record: Record<string, unknown>): string {
  if (value === null || value === undefined || value === "") return "none";
  if (/Cents$/.test(field)) return money(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (field === "productId") {
    const id = num(value);
    return id !== null ? (names.products.has(id) ? quote(names.products.get(id)!) : `product #${id}`) : String(value);
  }
  if (/(At|From|Until)$/.test(field) && num(value) !== null) return formatShopMinute(num(value)!, timeZone);
  if (field === "role") return ROLE_NAMES[String(value)] ?? String(value);
  if (field === "status" && typeof value === "string") return ORDER_STATUS_LABELS[value as keyof typeof ORDER_STATUS_LABELS] ?? value;
  if (field === "fulfilmentStatus") return FULFILMENT_NAMES[String(value)] ?? String(value);
  if (field === "carrier") return CARRIER_LABELS[value as keyof typeof CARRIER_LABELS] ?? String(value);
  if (field === "discountValue") return record.discountType === "fixed" ? `${money(value)} off each add-on` : `${String(value)} % off`;
  if (field === "triggerValue" && record.triggerType === "product") return productList(value, names);
  if (field === "addonValue" && record.addonType === "products") return productList(value, names);
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map((v) => (typeof v === "string" || typeof v === "number" ? String(v) : JSON.stringify(v))).join(", ");
  if (isRecord(value)) return JSON.stringify(value).slice(0, 200);
  const text = String(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function productList(value: unknown, names: AuditNames): string {
  return String(value)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((id) => (names.products.has(Number(id)) ? quote(names.products.get(Number(id))!) : `product #${id}`))
    .join(", ");
}

// Fields written for context (to name the thing), not as changes.
const CONTEXT_FIELDS = new Set(["number", "shipmentId", "refundId", "lines", "restocked", "shortages", "scope", "reason", "note", "delta", "sessionsEnded", "payload", "attempts", "lastError", "kind"]);

/** The fields that differ between before and after, readable. */
export function readableChanges(before: unknown, after: unknown, names: AuditNames, timeZone: string): AuditChange[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (JSON.stringify(before ?? null) === JSON.stringify(after ?? null)) return [];
    return [{ field: "Value", before: valueText("value", before, names, timeZone, {}), after: valueText("value", after, names, timeZone, {}) }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !CONTEXT_FIELDS.has(f));
  const changes: AuditChange[] = [];
  const seenLabels = new Set<string>();
  for (const f of fields) {
    if (JSON.stringify(b[f] ?? null) === JSON.stringify(a[f] ?? null)) continue;
    // Only what changed on a create or a delete would be every field: say the values that matter instead.
    if (!isRecord(before) || !isRecord(after)) continue;
    const label = FIELD_LABELS[f] ?? f;
    if (seenLabels.has(label) && (f === "triggerType" || f === "addonType")) continue;
    seenLabels.add(label);
    changes.push({ field: label, before: valueText(f, b[f], names, timeZone, b), after: valueText(f, a[f], names, timeZone, a) });
  }
  return changes;
}

function orderNumber(record: AuditRecord, names: AuditNames): string {
  const fromSnapshot = (isRecord(record.after) && str(record.after.number)) || (isRecord(record.before) && str(record.before.number));
  if (fromSnapshot) return fromSnapshot;
  const id = num(record.entityId);
  return (id !== null && names.orders.get(id)) || `order #${record.entityId ?? "?"}`;
}

function variantOf(record: AuditRecord, names: AuditNames): string {
  const id = num(record.entityId);
  const known = id !== null ? names.variants.get(id) : undefined;
  if (known) return variantText(known);
  const snap = (isRecord(record.before) ? record.before : isRecord(record.after) ? record.after : {}) as Record<string, unknown>;
  const productId = num(snap.productId);
  const productName = productId !== null ? names.products.get(productId) : undefined;
  const sku = str(snap.sku);
  const colour = str(snap.colourName);
  if (productName && colour && sku) return variantText({ productName, colourName: colour, sku });
  if (colour && sku) return `${colour} (${sku})`;
  return sku ?? `colour #${record.entityId ?? "?"}`;
}

function nameOf(map: ReadonlyMap<number, string>, record: AuditRecord, fallback: string): string {
  const snap = (isRecord(record.after) ? record.after : isRecord(record.before) ? record.before : {}) as Record<string, unknown>;
  const id = num(record.entityId);
  const name = (id !== null && map.get(id)) || str(snap.name);
  return name ? quote(name) : `${fallback} #${record.entityId ?? "?"}`;
}

function unitsText(items: unknown, names: AuditNames): string[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((i) => {
    if (!isRecord(i)) return [];
    const qty = num(i.quantity) ?? 0;
    const v = (num(i.variantId) !== null && names.variants.get(num(i.variantId)!)) || (num(i.lineId) !== null && names.orderLines.get(num(i.lineId)!)) || null;
    return [`${qty} × ${v ? variantText(v) : "a line of the order"}`];
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One audit entry as sentences. */
export function formatAudit(record: AuditRecord, names: AuditNames, timeZone: string): ReadableAudit {
  const b = (isRecord(record.before) ? record.before : {}) as Record<string, unknown>;
  const a = (isRecord(record.after) ? record.after : {}) as Record<string, unknown>;
  const changes = readableChanges(record.before, record.after, names, timeZone);
  const details: string[] = [];
  const id = num(record.entityId);
  let summary: string;
  let href: string | null = null;

  switch (record.action) {
    case "product.create":
      summary = `Added the product ${nameOf(names.products, record, "product")} (${a.status === "draft" ? "draft" : "active"}).`;
      href = id !== null ? `/admin/products/${id}` : null;
      break;
    case "product.update":
      summary = `Changed the product ${nameOf(names.products, record, "product")}.`;
      href = id !== null ? `/admin/products/${id}` : null;
      break;
    case "product.delete": {
      const skus = Array.isArray(b.variants) ? b.variants.map(String) : [];
      summary = `Deleted the product ${nameOf(new Map(), record, "product")}${skus.length ? ` and its colours ${skus.join(", ")}` : ""}.`;
      break;
    }
    case "variant.create":
      summary = `Added the colour ${variantOf(record, names)} at ${money(a.priceCents)}.`;
      href = num(a.productId) !== null ? `/admin/products/${num(a.productId)}` : null;
      break;
    case "variant.update": {
      const price = changes.find((c) => c.field === "Price");
      summary =
        changes.length === 1 && price
          ? `Changed the price of ${variantOf(record, names)} from ${price.before} to ${price.after}.`
          : `Changed ${variantOf(record, names)}.`;
      href = num(a.productId) !== null ? `/admin/products/${num(a.productId)}` : null;
      break;
    }
    case "variant.delete":
      summary = `Deleted the colour ${variantOf(record, names)}.`;
      break;
    case "variant.image":
      summary = `Changed the picture of ${variantOf(record, names)}.`;
      return { summary, changes: [], details, href };
    case "product.photo.add":
    case "product.photo.delete":
      summary = `${record.action === "product.photo.add" ? "Added a photo to" : "Deleted a photo of"} the product ${nameOf(names.products, record, "product")}${str((record.action === "product.photo.add" ? a : b).alt) ? `: ${quote(str((record.action === "product.photo.add" ? a : b).alt)!)}` : ""}.`;
      return { summary, changes: [], details, href: id !== null ? `/admin/products/${id}#photos` : null };
    case "product.photo.update":
      summary = `Changed the description of a photo of the product ${nameOf(names.products, record, "product")}.`;
      return { summary, changes: readableChanges({ alt: b.alt }, { alt: a.alt }, names, timeZone), details, href: id !== null ? `/admin/products/${id}#photos` : null };
    case "product.photo.move":
      summary = `Moved a photo of the product ${nameOf(names.products, record, "product")} from place ${num(b.place) ?? "?"} to ${num(a.place) ?? "?"}.`;
      return { summary, changes: [], details, href: id !== null ? `/admin/products/${id}#photos` : null };
    case "stock.adjust":
    case "stock.set": {
      const delta = num(a.delta) ?? (num(a.onHand) ?? 0) - (num(b.onHand) ?? 0);
      const reason = str(a.reason);
      summary = `${record.action === "stock.set" ? "Counted" : "Adjusted"} the stock of ${variantOf(record, names)}: ${num(b.onHand) ?? "?"} → ${num(a.onHand) ?? "?"} on hand (${delta > 0 ? "+" : delta < 0 ? "−" : "±"}${Math.abs(delta)}${reason ? `, ${reason.replace(/_/g, " ")}` : ""}).`;
      if (str(a.note)) details.push(`Note: ${str(a.note)}`);
      href = str(a.sku) ? `/admin/stock/${encodeURIComponent(str(a.sku)!)}` : null;
      return { summary, changes: [], details, href };
    }
    case "stock.threshold":
      summary = `Changed the low-stock threshold of ${variantOf(record, names)} from ${num(b.lowStockThreshold) ?? "?"} to ${num(a.lowStockThreshold) ?? "?"}.`;
      return { summary, changes: [], details, href };
    case "stock.import": {
      const skus = Object.keys(a);
      summary = `Imported a stock count${record.entityId ? ` (${record.entityId})` : ""}: ${plural(skus.length, "SKU")} changed.`;
      return { summary, changes: skus.map((sku) => ({ field: sku, before: String(b[sku] ?? "?"), after: String(a[sku]) })), details, href: "/admin/stock/ledger" };
    }
    case "order.refund": {
      const number = orderNumber(record, names);
      summary = `Refunded ${money(a.amountCents)} on order ${number}.`;
      if (num(a.refundedCents) !== null) details.push(`Refunded in all: ${money(a.refundedCents)}; status ${valueText("status", a.status, names, timeZone, a)}.`);
      if (num(a.shippingCents)) details.push(`Including ${money(a.shippingCents)} of shipping.`);
      if (str(a.reason)) details.push(`Reason: ${str(a.reason)}`);
      const back = unitsText(a.restocked, names);
      if (back.length) details.push(`Put back in stock: ${back.join(", ")}.`);
      if (a.refundStatus && a.refundStatus !== "succeeded") details.push(`Stripe reports the refund as ${String(a.refundStatus)}.`);
      return { summary, changes: [], details, href: `/admin/orders/${number}` };
    }
    case "order.auto_refund_scheduled": {
      const number = orderNumber(record, names);
      const short = Array.isArray(a.shortages) ? a.shortages.reduce((n: number, s) => n + (isRecord(s) ? (num(s.quantity) ?? 0) : 0), 0) : 0;
      summary = `Scheduled a full refund of ${money(a.totalCents)} on order ${number}: ${plural(short, "unit")} no longer in stock.`;
      return { summary, changes: [], details, href: `/admin/orders/${number}` };
    }
    case "order.auto_refund": {
      const number = orderNumber(record, names);
      summary = `Refunded ${money(a.amountCents)} automatically on order ${number}.`;
      return { summary, changes: [], details, href: `/admin/orders/${number}` };
    }
    case "order.cancel": {
      const number = orderNumber(record, names);
      const amount = num(a.amountCents) ?? 0;
      summary = `Cancelled order ${number}${amount > 0 ? ` and refunded ${money(amount)}` : ""}.`;
      const back = unitsText(a.restocked, names);
      if (back.length) details.push(`Put back in stock: ${back.join(", ")}.`);
      return { summary, changes: [], details, href: `/admin/orders/${number}` };
    }
    case "order.shipment.create": {
      const number = orderNumber(record, names);
      const lines = unitsText(a.lines, names);
      const units = Array.isArray(a.lines) ? a.lines.reduce((n: number, l) => n + (isRecord(l) ? (num(l.quantity) ?? 0) : 0), 0) : 0;
      summary = `Shipped ${plural(units, "unit")} of order ${number} with ${valueText("carrier", a.carrier, names, timeZone, a)}${str(a.trackingNumber) ? ` (tracking ${str(a.trackingNumber)})` : ""}.`;
      if (lines.length) details.push(`In the parcel: ${lines.join(", ")}.`);
      return { summary, changes: readableChanges({ fulfilmentStatus: b.fulfilmentStatus }, { fulfilmentStatus: a.fulfilmentStatus }, names, timeZone), details, href: `/admin/orders/${number}` };
    }
    case "order.shipment.tracking": {
      const number = orderNumber(record, names);
      summary = `Changed the tracking of a shipment of order ${number}.`;
      return { summary, changes, details, href: `/admin/orders/${number}` };
    }
    case "order.shipment.delivered": {
      const number = orderNumber(record, names);
      summary = `Marked a shipment of order ${number} delivered.`;
      return { summary, changes: [], details, href: `/admin/orders/${number}` };
    }
    case "offer.create":
      summary = `Added the offer ${nameOf(names.offers, record, "offer")}: ${valueText("discountValue", a.discountValue, names, timeZone, a)}.`;
      href = id !== null ? `/admin/offers/${id}` : null;
      break;
    case "offer.update":
      summary = `Changed the offer ${nameOf(names.offers, record, "offer")}.`;
      href = id !== null ? `/admin/offers/${id}` : null;
      break;
    case "offer.enable":
    case "offer.disable":
      summary = `Switched ${record.action === "offer.enable" ? "on" : "off"} the offer ${nameOf(names.offers, record, "offer")}.`;
      return { summary, changes: [], details, href: id !== null ? `/admin/offers/${id}` : null };
    case "setting.update":
      summary =
        record.entityId === "upsell_holdout_percent"
          ? `Changed the share of carts held out of the upsell from ${b.value === null || b.value === undefined ? "the default" : `${String(b.value)} %`} to ${String(a.value)} %.`
          : `Changed the setting ${record.entityId ?? "?"} from ${valueText("value", b.value, names, timeZone, b)} to ${valueText("value", a.value, names, timeZone, a)}.`;
      return { summary, changes: [], details, href: null };
    case "shipping.create":
      summary = `Added the shipping method ${nameOf(names.shippingMethods, record, "shipping method")} at ${money(a.priceCents)}.`;
      href = id !== null ? `/admin/shipping/${id}` : null;
      break;
    case "shipping.update":
      summary = `Changed the shipping method ${nameOf(names.shippingMethods, record, "shipping method")}.`;
      href = id !== null ? `/admin/shipping/${id}` : null;
      break;
    case "shipping.activate":
    case "shipping.deactivate":
      summary = `Switched ${record.action === "shipping.activate" ? "on" : "off"} the shipping method ${nameOf(names.shippingMethods, record, "shipping method")}.`;
      return { summary, changes: [], details, href: id !== null ? `/admin/shipping/${id}` : null };
    case "staff.create":
      summary = `Added ${nameOf(names.staff, record, "staff member")} (${str(a.email) ?? "no email"}) as ${valueText("role", a.role, names, timeZone, a)}.`;
      return { summary, changes: [], details, href: "/admin/staff" };
    case "staff.change_role":
      summary = `Changed the role of ${nameOf(names.staff, record, "staff member")} from ${valueText("role", b.role, names, timeZone, b)} to ${valueText("role", a.role, names, timeZone, a)}.`;
      return { summary, changes: [], details, href: "/admin/staff" };
    case "staff.disable":
    case "staff.enable":
      summary = `${record.action === "staff.disable" ? "Disabled" : "Enabled"} the account of ${nameOf(names.staff, record, "staff member")}${num(a.sessionsEnded) ? ` (${plural(num(a.sessionsEnded)!, "session")} ended)` : ""}.`;
      return { summary, changes: [], details, href: "/admin/staff" };
    case "staff.reset_password":
      summary = `Reset the password of ${nameOf(names.staff, record, "staff member")}${num(a.sessionsEnded) ? ` (${plural(num(a.sessionsEnded)!, "session")} ended)` : ""}.`;
      return { summary, changes: [], details, href: "/admin/staff" };
    case "outbox.send_again": {
      const kind = str(b.kind) ?? "effect";
      summary = `Sent again: ${kind.replace(/[._]/g, " ")}${num(b.attempts) !== null ? ` (failed after ${plural(num(b.attempts)!, "try", "tries")})` : ""}.`;
      if (str(b.lastError)) details.push(`Last error: ${str(b.lastError)!.slice(0, 200)}`);
      return { summary, changes: [], details, href: "/admin/outbox" };
    }
    default: {
      const subject =
        record.entityType === "order"
          ? `order ${orderNumber(record, names)}`
          : record.entityType === "variant"
            ? variantOf(record, names)
            : record.entityType === "product"
              ? `the product ${nameOf(names.products, record, "product")}`
              : `${record.entityType.replace(/_/g, " ")}${record.entityId ? ` ${record.entityId}` : ""}`;
      summary = `${actionLabel(record.action)}: ${subject}.`;
      if (changes.length === 0 && (record.before === null || record.before === undefined) && isRecord(record.after)) {
        for (const [f, v] of Object.entries(record.after).slice(0, 8)) details.push(`${FIELD_LABELS[f] ?? f}: ${valueText(f, v, names, timeZone, record.after)}`);
      }
    }
  }
  return { summary, changes, details, href };
}

// ---------------------------------------------------------------- the log's filters and CSV


export interface AuditQuery {
  page: number;
  entityType: string | null;
  action: string | null;
  staffId: number | null;
  from: string;
  to: string;
  fromMs: number | null;
  toMs: number | null;
}

const auditQuerySchema = z.strictObject({
  page: z.string().regex(/^[1-9]\d{0,5}$/, "The page must be a whole number from 1.").optional(),
  type: z.string().regex(/^([a-z][a-z0-9_.-]{0,39})?$/, "Choose a kind of record from the list.").optional(),
  kind: z.string().regex(/^([a-z][a-z0-9_.-]{0,59})?$/, "Choose a kind of change from the list.").optional(),
  who: z.string().regex(/^(\d{1,12})?$/, "Choose a person from the list.").optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});

export type AuditQueryResult = { ok: true; query: AuditQuery } | { ok: false; message: string; fieldErrors: Record<string, string> };

/** ?kind=order.refund&who=3&from=2026-03-01&to=2026-03-31&page=2 (every part optional; days in the shop's zone). */
export function parseAuditQuery(params: URLSearchParams, now: number, timeZone: string): AuditQueryResult {
  const fields: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in fields) return { ok: false, message: "Use the form to filter the log.", fieldErrors: { _form: "Use the form to filter the log." } };
    fields[key] = value;
  }
  const parsed = auditQuerySchema.safeParse(fields);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.code === "unrecognized_keys" ? "_form" : String(issue.path[0] ?? "_form");
      errors[key] ??= issue.code === "unrecognized_keys" ? "Use the form to filter the log." : issue.message;
    }
    return { ok: false, message: Object.values(errors)[0]!, fieldErrors: errors };
  }
  const dates = parseShopDateRange({ from: parsed.data.from, to: parsed.data.to }, now, timeZone);
  if (!dates.ok) return { ok: false, message: dates.message, fieldErrors: dates.fieldErrors };
  const from = (parsed.data.from ?? "").trim();
  const to = (parsed.data.to ?? "").trim();
  return {
    ok: true,
    query: {
      page: Number(parsed.data.page ?? "1"),
      entityType: parsed.data.type || null,
      action: parsed.data.kind || null,
      staffId: parsed.data.who ? Number(parsed.data.who) : null,
      from: dates.range ? from : "",
      to: dates.range ? to : "",
      fromMs: dates.range && from ? dates.range.fromMs : null,
      toMs: dates.range && to ? dates.range.toMs : null,
    },
  };
}

/** The address of the log (or its export) with the same filters. */
export function auditHref(query: Omit<AuditQuery, "fromMs" | "toMs">, page: number, path = "/admin/audit"): string {
  const params = new URLSearchParams();
  if (query.entityType) params.set("type", query.entityType);
  if (query.action) params.set("kind", query.action);
  if (query.staffId !== null) params.set("who", String(query.staffId));
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export interface AuditCsvEntry {
  createdAt: number;
  who: string;
  whoEmail: string | null;
  action: string;
  readable: ReadableAudit;
}

export function auditCsv(entries: readonly AuditCsvEntry[], timeZone: string): string {
  return toCsv([
    ["when", "who", "email", "kind", "what", "changes", "details"],
    ...entries.map((e) => [
      formatShopMinute(e.createdAt, timeZone),
      e.who,
      e.whoEmail,
      actionLabel(e.action),
      e.readable.summary,
      e.readable.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join("; "),
      e.readable.details.join(" "),
    ]),
  ]);
}
