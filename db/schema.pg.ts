// The PostgreSQL twin of db/schema.ts: the same tables, columns (names,
// nullability, defaults), keys and indexes, in PostgreSQL's types.
// tests/integration/postgres-schema-drift.test.ts fails when the two drift, so
// a change to one is a change to both. Column types:
// - integers stay integer; times (epoch milliseconds, columns named *_at,
//   *_from, *_until) are bigint read as JS numbers, since they pass 2^31;
// - booleans are boolean (SQLite stores 0/1 through Drizzle's boolean mode);
// - JSON text is jsonb; REAL is double precision; blobs are bytea (Buffer);
// - enums stay text with a TypeScript enum, as on SQLite (no CREATE TYPE, so
//   adding a value needs no migration on either engine).
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  ATTACHMENTS,
  CARRIERS,
  DISCOUNT_TYPES,
  EXPERIMENT_ARM_KINDS,
  EXPERIMENT_SOURCES,
  FULFILMENT_STATUSES,
  HARDWARE_FINISHES,
  HOLD_STATUSES,
  OFFER_ADDON_TYPES,
  OFFER_TRIGGER_TYPES,
  ORDER_STATUSES,
  OUTBOX_STATUSES,
  PRODUCT_KINDS,
  PRODUCT_STATUSES,
  REFUND_STATUSES,
  STAFF_ROLES,
  STOCK_REASONS,
  SUGGESTION_EVENT_TYPES,
  SUGGESTION_PLACEMENTS,
} from "./schema";

// Epoch milliseconds of the statement, as SQLite's unixepoch('subsec') * 1000.
const now = sql`(extract(epoch from statement_timestamp()) * 1000)::bigint`;

const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => "bytea",
});

// ---------------------------------------------------------------- catalog

export const products = pgTable(
  "products",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: PRODUCT_KINDS }).notNull(),
    status: text("status", { enum: PRODUCT_STATUSES }).notNull().default("active"),
    description: text("description").notNull().default(""),
    material: text("material").notNull(),
    // Outer dimensions in centimetres; the size class derives from the longest.
    widthCm: doublePrecision("width_cm").notNull(),
    heightCm: doublePrecision("height_cm").notNull(),
    depthCm: doublePrecision("depth_cm").notNull(),
    // JSON arrays of strings.
    occasions: jsonb("occasions").$type<string[]>().notNull().default(sql`'[]'`),
    tags: jsonb("tags").$type<string[]>().notNull().default(sql`'[]'`),
    isKids: boolean("is_kids").notNull().default(false),
    isLimited: boolean("is_limited").notNull().default(false),
    // Fit: how a micro bag clips on, and what a bigger bag offers to hang it on.
    attachment: text("attachment", { enum: ATTACHMENTS }),
    handleWidthCm: doublePrecision("handle_width_cm"),
    hasStrapRing: boolean("has_strap_ring").notNull().default(false),
    // Which illustration the product is drawn with (see app/art).
    artStyle: text("art_style").notNull(),
    // Lower comes first in the "featured" sort.
    featuredRank: integer("featured_rank").notNull().default(1000),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("products_slug_unique").on(t.slug),
    index("products_kind_idx").on(t.kind),
  ],
);

export const variants = pgTable(
  "variants",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    sku: text("sku").notNull(),
    colourName: text("colour_name").notNull(),
    colourHex: text("colour_hex").notNull(),
    hardware: text("hardware", { enum: HARDWARE_FINISHES }).notNull(),
    priceCents: integer("price_cents").notNull(),
    compareAtCents: integer("compare_at_cents"),
    // stockOnHand counts bags on the shelf; stockHeld the part of them held by
    // open checkouts. Available to sell = onHand - held.
    stockOnHand: integer("stock_on_hand").notNull().default(0),
    stockHeld: integer("stock_held").notNull().default(0),
    lowStockThreshold: integer("low_stock_threshold").notNull().default(3),
    imageUrl: text("image_url").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("variants_sku_unique").on(t.sku),
    index("variants_product_idx").on(t.productId),
    check("variants_price_nonnegative", sql`${t.priceCents} >= 0`),
    check("variants_stock_nonnegative", sql`${t.stockOnHand} >= 0`),
    check("variants_held_within_stock", sql`${t.stockHeld} >= 0 AND ${t.stockHeld} <= ${t.stockOnHand}`),
  ],
);

// One row, bumped by triggers whenever products, variants or offers change, so
// every server process can tell in one primary-key read whether its cached
// catalog is still current.
export const catalogVersion = pgTable("catalog_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});

// ---------------------------------------------------------------- carts

export const carts = pgTable(
  "carts",
  {
    id: text("id").primaryKey(),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("carts_expires_idx").on(t.expiresAt)],
);

export const cartLines = pgTable(
  "cart_lines",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    cartId: text("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("cart_lines_cart_variant_unique").on(t.cartId, t.variantId),
    check("cart_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

// ---------------------------------------------------------------- bundle offers

export const bundleOffers = pgTable("bundle_offers", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull(),
  // product: a product id; kind: a product kind; tag: a product tag.
  triggerType: text("trigger_type", { enum: OFFER_TRIGGER_TYPES }).notNull(),
  triggerValue: text("trigger_value").notNull(),
  // kind / tag: the kind or tag; products: comma-separated product ids.
  addonType: text("addon_type", { enum: OFFER_ADDON_TYPES }).notNull(),
  addonValue: text("addon_value").notNull(),
  // percent: 1–100; fixed: cents off each add-on unit.
  discountType: text("discount_type", { enum: DISCOUNT_TYPES }).notNull(),
  discountValue: integer("discount_value").notNull(),
  maxAddonsPerTrigger: integer("max_addons_per_trigger").notNull().default(1),
  activeFrom: bigint("active_from", { mode: "number" }),
  activeUntil: bigint("active_until", { mode: "number" }),
  priority: integer("priority").notNull().default(0),
  enabled: boolean("enabled").notNull().default(true),
  createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
});

// Suggestions shown (impression) and taken (add), for the upsell figures.
export const suggestionEvents = pgTable(
  "suggestion_events",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    type: text("type", { enum: SUGGESTION_EVENT_TYPES }).notNull(),
    placement: text("placement", { enum: SUGGESTION_PLACEMENTS }).notNull(),
    offerId: integer("offer_id"),
    toteProductId: integer("tote_product_id"),
    microProductId: integer("micro_product_id").notNull(),
    cartId: text("cart_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [index("suggestion_events_created_idx").on(t.createdAt)],
);

// Small key/value settings staff can change (e.g. the upsell holdout share).
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
});

// ---------------------------------------------------------------- orders

// What happened to a paid order's parcel; separate from its payment status.
export const orders = pgTable(
  "orders",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    number: text("number").notNull(),
    status: text("status", { enum: ORDER_STATUSES }).notNull().default("pending"),
    cartId: text("cart_id"),
    currency: text("currency").notNull(),
    subtotalCents: integer("subtotal_cents").notNull(),
    discountCents: integer("discount_cents").notNull(),
    totalCents: integer("total_cents").notNull(),
    refundedCents: integer("refunded_cents").notNull().default(0),
    customerEmail: text("customer_email"),
    customerName: text("customer_name"),
    shippingAddress: jsonb("shipping_address").$type<Record<string, string | null>>(),
    paymentMode: text("payment_mode", { enum: ["stripe", "test"] }).notNull(),
    stripeSessionId: text("stripe_session_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    // Set when a payment does not match the order (amount, currency): needs a human.
    flag: text("flag"),
    holdExpiresAt: bigint("hold_expires_at", { mode: "number" }).notNull(),
    // Whether the cart was in the upsell holdout (saw no suggestions) at checkout.
    inHoldout: boolean("in_holdout").notNull().default(false),
    paidAt: bigint("paid_at", { mode: "number" }),
    // The shipping method chosen at payment, as it was then (name, price, estimate).
    shippingMethodId: integer("shipping_method_id"),
    shippingMethodName: text("shipping_method_name"),
    shippingCents: integer("shipping_cents").notNull().default(0),
    deliveryMinDays: integer("delivery_min_days"),
    deliveryMaxDays: integer("delivery_max_days"),
    // Tax Stripe reported (automatic tax); 0 otherwise. Included in totalCents once paid.
    taxCents: integer("tax_cents").notNull().default(0),
    fulfilmentStatus: text("fulfilment_status", { enum: FULFILMENT_STATUSES }).notNull().default("unfulfilled"),
    cancelledAt: bigint("cancelled_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
    // The card that paid, as Stripe's charge names it ("visa", "4242"); null when not known (test payments).
    cardBrand: text("card_brand"),
    cardLast4: text("card_last4"),
  },
  (t) => [
    uniqueIndex("orders_number_unique").on(t.number),
    index("orders_fulfilment_idx").on(t.fulfilmentStatus, t.paidAt),
    uniqueIndex("orders_stripe_session_unique").on(t.stripeSessionId),
    index("orders_status_idx").on(t.status),
    index("orders_email_idx").on(t.customerEmail),
    index("orders_payment_intent_idx").on(t.stripePaymentIntentId),
    index("orders_cart_idx").on(t.cartId),
  ],
);

// A snapshot of each line at the time of checkout; catalog edits never touch it.
export const orderLines = pgTable(
  "order_lines",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    variantId: integer("variant_id").references(() => variants.id, { onDelete: "set null" }),
    productId: integer("product_id"),
    productKind: text("product_kind").notNull(),
    productName: text("product_name").notNull(),
    sku: text("sku").notNull(),
    colourName: text("colour_name").notNull(),
    imageUrl: text("image_url").notNull(),
    quantity: integer("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    // Total bundle discount on this line (all units), and the offer that gave it.
    discountCents: integer("discount_cents").notNull().default(0),
    offerId: integer("offer_id"),
    offerName: text("offer_name"),
    lineTotalCents: integer("line_total_cents").notNull(),
    restockedQuantity: integer("restocked_quantity").notNull().default(0),
  },
  (t) => [index("order_lines_order_idx").on(t.orderId)],
);

export const orderStatusHistory = pgTable(
  "order_status_history",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    note: text("note"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [index("order_status_history_order_idx").on(t.orderId)],
);

// ---------------------------------------------------------------- shipping and fulfilment

// Staff-managed ways to ship; prices are read from here at checkout, never from a form.
export const shippingMethods = pgTable("shipping_methods", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  name: text("name").notNull(),
  priceCents: integer("price_cents").notNull(),
  // Free when the order's goods (after bundle discounts) reach this; null: never free.
  freeOverCents: integer("free_over_cents"),
  minDays: integer("min_days").notNull(),
  maxDays: integer("max_days").notNull(),
  // JSON array of ISO 3166-1 alpha-2 country codes.
  countries: jsonb("countries").$type<string[]>().notNull(),
  active: boolean("active").notNull().default(true),
  position: integer("position").notNull().default(0),
  createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
});

// A parcel sent for an order: some or all of its lines.
export const shipments = pgTable(
  "shipments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    carrier: text("carrier", { enum: CARRIERS }).notNull(),
    trackingNumber: text("tracking_number"),
    trackingUrl: text("tracking_url"),
    shippedAt: bigint("shipped_at", { mode: "number" }).notNull(),
    deliveredAt: bigint("delivered_at", { mode: "number" }),
    staffId: integer("staff_id"),
    // The one-time key of the staff form that made it: the same form sent twice makes one shipment.
    formKey: text("form_key"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [index("shipments_order_idx").on(t.orderId), uniqueIndex("shipments_form_key_unique").on(t.formKey)],
);

export const shipmentLines = pgTable(
  "shipment_lines",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    shipmentId: integer("shipment_id")
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    orderLineId: integer("order_line_id")
      .notNull()
      .references(() => orderLines.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
  },
  (t) => [
    index("shipment_lines_shipment_idx").on(t.shipmentId),
    index("shipment_lines_order_line_idx").on(t.orderLineId),
    check("shipment_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

// ---------------------------------------------------------------- outbox

// Side effects that must not be lost (emails, Stripe calls that must be
// retried until Stripe confirms), written in the same transaction as the change
// that causes them and carried out by a background sender. The dedupe key makes
// writing the same effect twice a no-op.
export const outbox = pgTable(
  "outbox",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: bigint("next_attempt_at", { mode: "number" }).notNull(),
    // A sender that claimed the row; others leave it alone until then.
    lockedUntil: bigint("locked_until", { mode: "number" }),
    lastError: text("last_error"),
    orderId: integer("order_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    sentAt: bigint("sent_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_unique").on(t.dedupeKey),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_order_idx").on(t.orderId),
  ],
);

// Stock reserved for a pending order until it is paid or its session expires.
export const stockHolds = pgTable(
  "stock_holds",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => variants.id),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: HOLD_STATUSES }).notNull().default("active"),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    resolvedAt: bigint("resolved_at", { mode: "number" }),
  },
  (t) => [
    index("stock_holds_order_idx").on(t.orderId),
    index("stock_holds_active_expiry_idx").on(t.status, t.expiresAt),
  ],
);

// Refunds as Stripe reports them (or as test-payment mode makes them locally).
export const refunds = pgTable(
  "refunds",
  {
    id: text("id").primaryKey(),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    amountCents: integer("amount_cents").notNull(),
    status: text("status", { enum: REFUND_STATUSES }).notNull(),
    reason: text("reason"),
    staffId: integer("staff_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [index("refunds_order_idx").on(t.orderId)],
);

// Every Stripe event id we have acted on, written in the same transaction as
// its effects so a replay does nothing.
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  orderId: integer("order_id"),
  processedAt: bigint("processed_at", { mode: "number" }).notNull().default(now),
});

// ---------------------------------------------------------------- stock ledger

// Every change to a variant's on-hand or held stock.
export const stockLedger = pgTable(
  "stock_ledger",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    variantId: integer("variant_id")
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: STOCK_REASONS }).notNull(),
    onHandDelta: integer("on_hand_delta").notNull().default(0),
    heldDelta: integer("held_delta").notNull().default(0),
    onHandAfter: integer("on_hand_after").notNull(),
    heldAfter: integer("held_after").notNull(),
    staffId: integer("staff_id"),
    orderId: integer("order_id"),
    note: text("note"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [
    index("stock_ledger_variant_idx").on(t.variantId, t.id),
    index("stock_ledger_created_idx").on(t.createdAt),
  ],
);

// Pictures staff upload for variants, kept in the database so every server
// process and every backup has them. Served at /images/<sha256>.<ext>.
export const uploadedImages = pgTable("uploaded_images", {
  sha256: text("sha256").primaryKey(),
  contentType: text("content_type").notNull(),
  bytes: bytea("bytes").notNull(),
  byteLength: integer("byte_length").notNull(),
  staffId: integer("staff_id"),
  createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
});

// ---------------------------------------------------------------- staff

// "staff" is the role of accounts made before roles (permissions of a manager).
export const staff = pgTable(
  "staff",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    disabledAt: bigint("disabled_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [uniqueIndex("staff_email_unique").on(t.email)],
);

// Server-side admin sessions; the cookie carries a random token whose SHA-256
// is the id here, so a leaked database does not leak live sessions.
export const staffSessions = pgTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    lastSeenAt: bigint("last_seen_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    revokedAt: bigint("revoked_at", { mode: "number" }),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("staff_sessions_staff_idx").on(t.staffId)],
);

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    email: text("email").notNull(),
    ipAddress: text("ip_address").notNull(),
    succeeded: boolean("succeeded").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.createdAt),
    index("login_attempts_ip_idx").on(t.ipAddress, t.createdAt),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    staffId: integer("staff_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

// ---------------------------------------------------------------- experiments

// An upsell experiment: carts are split between its arms by a hash of the cart
// id and hashSalt, in position order. One runs at a time: [startsAt, endsAt).
export const experiments = pgTable(
  "experiments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    name: text("name").notNull(),
    // holdout_setting: made from the former "carts held out (%)" setting.
    source: text("source", { enum: EXPERIMENT_SOURCES }).notNull().default("staff"),
    hashSalt: text("hash_salt").notNull(),
    startsAt: bigint("starts_at", { mode: "number" }).notNull(),
    // Null: runs until stopped.
    endsAt: bigint("ends_at", { mode: "number" }),
    staffId: integer("staff_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [index("experiments_starts_idx").on(t.startsAt)],
);

// holdout: no suggestions; offers: suggestions with the shop's offers as set;
// discount: suggestions, every bundle offer giving this discount instead.
export const experimentArms = pgTable(
  "experiment_arms",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    label: text("label").notNull(),
    kind: text("kind", { enum: EXPERIMENT_ARM_KINDS }).notNull(),
    discountType: text("discount_type", { enum: DISCOUNT_TYPES }),
    discountValue: integer("discount_value"),
    // Share of carts in basis points (1/100 of a percent); an experiment's add up to 10,000.
    shareBasisPoints: integer("share_basis_points").notNull(),
  },
  (t) => [uniqueIndex("experiment_arms_position_unique").on(t.experimentId, t.position)],
);

// Which arm a cart is in, recorded once: when it first saw (or would have seen) a suggestion.
export const experimentAssignments = pgTable(
  "experiment_assignments",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.id, { onDelete: "cascade" }),
    cartId: text("cart_id").notNull(),
    armId: integer("arm_id")
      .notNull()
      .references(() => experimentArms.id, { onDelete: "cascade" }),
    assignedAt: bigint("assigned_at", { mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("experiment_assignments_cart_unique").on(t.experimentId, t.cartId),
    index("experiment_assignments_arm_idx").on(t.armId, t.assignedAt),
  ],
);

// ---------------------------------------------------------------- after-payment add-ons

// A micro bag bought after payment for an order already paid: its own order
// row (payment, stock hold, refund) linked here to the order it ships with.
export const orderAddons = pgTable(
  "order_addons",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    parentOrderId: integer("parent_order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    addonOrderId: integer("addon_order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    // The tote of the first order whose bundle price it got.
    toteProductId: integer("tote_product_id"),
    variantId: integer("variant_id").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("order_addons_addon_unique").on(t.addonOrderId),
    index("order_addons_parent_idx").on(t.parentOrderId),
  ],
);

// One-time form tokens of back-office changes that move money, stock or delete:
// a token is written with the change it allowed, in the same transaction, so a
// double submit or a replay of the same form finds it and changes nothing.
export const usedFormTokens = pgTable(
  "used_form_tokens",
  {
    token: text("token").primaryKey(),
    purpose: text("purpose").notNull(),
    staffId: integer("staff_id"),
    outcome: text("outcome").notNull(),
    usedAt: bigint("used_at", { mode: "number" }).notNull(),
  },
  (t) => [index("used_form_tokens_used_idx").on(t.usedAt)],
);

// One row, bumped by triggers when a variant's stock (on hand or held) changes.
// Kept apart from catalog_version so that a sale refreshes stock levels in
// every process without rebuilding the catalog snapshot (issue 15).
export const stockVersion = pgTable("stock_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});

// ---------------------------------------------------------------- back in stock

// "Tell me when it's back": one row per email and product colour (a colour may
// have several variants, e.g. gold and silver hardware). notifiedAt is set when
// the email is queued in the outbox, in the same transaction as the restock.
export const backInStockRequests = pgTable(
  "back_in_stock_requests",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    // The colour as it appears in URLs ("rose-gold").
    colour: text("colour").notNull(),
    // Lower-cased.
    email: text("email").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
    notifiedAt: bigint("notified_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("back_in_stock_product_colour_email_unique").on(t.productId, t.colour, t.email),
    index("back_in_stock_pending_idx").on(t.productId, t.colour, t.notifiedAt),
  ],
);

// ---------------------------------------------------------------- password reset links

// A one-time link an owner makes for a staff member who forgot their password.
// Only the SHA-256 (hex) of the link's token is kept; a new link revokes older
// unused ones (revokedAt), using one sets usedAt.
export const passwordResetLinks = pgTable(
  "password_reset_links",
  {
    id: text("id").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    createdBy: integer("created_by"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    usedAt: bigint("used_at", { mode: "number" }),
    revokedAt: bigint("revoked_at", { mode: "number" }),
  },
  (t) => [index("password_reset_links_staff_idx").on(t.staffId)],
);

// ---------------------------------------------------------------- product photos

// Photos staff upload for a whole product (every colour), shown after the
// colour's own picture in its gallery. imageUrl is what variants.image_url
// holds for an uploaded picture: the URL of its large size in uploaded_images.
export const productPhotos = pgTable(
  "product_photos",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    imageUrl: text("image_url").notNull(),
    // Written by staff, read out by screen readers; never empty.
    alt: text("alt").notNull(),
    // 0, 1, 2 … in the order the gallery shows them.
    position: integer("position").notNull(),
    staffId: integer("staff_id"),
    createdAt: bigint("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [
    index("product_photos_product_idx").on(t.productId, t.position),
    check("product_photos_alt_length", sql`length(${t.alt}) BETWEEN 1 AND 200`),
  ],
);
