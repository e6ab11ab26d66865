// The shop's tables. TypeScript names are camelCase, columns snake_case.
// Money is always integer cents; times are unix epoch milliseconds.
import { sql } from "drizzle-orm";
import {
  blob,
  check,
  index,
  integer,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";
// The kinds of bag are a shop rule: one list, in the domain.
import { PRODUCT_KINDS } from "../app/domain/catalog";

export { PRODUCT_KINDS };

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

export const PRODUCT_STATUSES = ["active", "draft"] as const;
export const HARDWARE_FINISHES = ["gold", "silver", "none"] as const;
export const ATTACHMENTS = ["lobster_clasp", "split_ring", "chain_loop"] as const;

// ---------------------------------------------------------------- catalog

export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: PRODUCT_KINDS }).notNull(),
    status: text("status", { enum: PRODUCT_STATUSES }).notNull().default("active"),
    description: text("description").notNull().default(""),
    material: text("material").notNull(),
    // Outer dimensions in centimetres; the size class derives from the longest.
    widthCm: real("width_cm").notNull(),
    heightCm: real("height_cm").notNull(),
    depthCm: real("depth_cm").notNull(),
    // JSON arrays of strings.
    occasions: text("occasions", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default(sql`'[]'`),
    isKids: integer("is_kids", { mode: "boolean" }).notNull().default(false),
    isLimited: integer("is_limited", { mode: "boolean" }).notNull().default(false),
    // Fit: how a micro bag clips on, and what a bigger bag offers to hang it on.
    attachment: text("attachment", { enum: ATTACHMENTS }),
    handleWidthCm: real("handle_width_cm"),
    hasStrapRing: integer("has_strap_ring", { mode: "boolean" }).notNull().default(false),
    // Which illustration the product is drawn with (see app/art).
    artStyle: text("art_style").notNull(),
    // Lower comes first in the "featured" sort.
    featuredRank: integer("featured_rank").notNull().default(1000),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("products_slug_unique").on(t.slug),
    index("products_kind_idx").on(t.kind),
  ],
);

export const variants = sqliteTable(
  "variants",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
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
export const catalogVersion = sqliteTable("catalog_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});

// ---------------------------------------------------------------- carts

export const carts = sqliteTable(
  "carts",
  {
    id: text("id").primaryKey(),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("carts_expires_idx").on(t.expiresAt)],
);

export const cartLines = sqliteTable(
  "cart_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cartId: text("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => variants.id, { onDelete: "cascade" }),
    quantity: integer("quantity").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("cart_lines_cart_variant_unique").on(t.cartId, t.variantId),
    check("cart_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

// ---------------------------------------------------------------- bundle offers

export const OFFER_TRIGGER_TYPES = ["product", "kind", "tag"] as const;
export const OFFER_ADDON_TYPES = ["kind", "products", "tag"] as const;
export const DISCOUNT_TYPES = ["percent", "fixed"] as const;

export const bundleOffers = sqliteTable("bundle_offers", {
  id: integer("id").primaryKey({ autoIncrement: true }),
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
  activeFrom: integer("active_from"),
  activeUntil: integer("active_until"),
  priority: integer("priority").notNull().default(0),
  enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});

// Suggestions shown (impression) and taken (add), for the upsell figures.
export const SUGGESTION_EVENT_TYPES = ["impression", "add"] as const;
export const SUGGESTION_PLACEMENTS = ["product_page", "cart", "micro_page", "after_payment"] as const;

export const suggestionEvents = sqliteTable(
  "suggestion_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    type: text("type", { enum: SUGGESTION_EVENT_TYPES }).notNull(),
    placement: text("placement", { enum: SUGGESTION_PLACEMENTS }).notNull(),
    offerId: integer("offer_id"),
    toteProductId: integer("tote_product_id"),
    microProductId: integer("micro_product_id").notNull(),
    cartId: text("cart_id"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("suggestion_events_created_idx").on(t.createdAt)],
);

// Small key/value settings staff can change (e.g. the upsell holdout share).
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull().default(now),
});

// ---------------------------------------------------------------- orders

// What happened to a paid order's parcel; separate from its payment status.
export const FULFILMENT_STATUSES = ["unfulfilled", "partially_fulfilled", "fulfilled", "cancelled"] as const;

export const ORDER_STATUSES = [
  "pending",
  "paid",
  "expired",
  "payment_failed",
  "refunded",
  "partially_refunded",
] as const;

export const orders = sqliteTable(
  "orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    shippingAddress: text("shipping_address", { mode: "json" }).$type<Record<string, string | null>>(),
    paymentMode: text("payment_mode", { enum: ["stripe", "test"] }).notNull(),
    stripeSessionId: text("stripe_session_id"),
    stripePaymentIntentId: text("stripe_payment_intent_id"),
    // Set when a payment does not match the order (amount, currency): needs a human.
    flag: text("flag"),
    holdExpiresAt: integer("hold_expires_at").notNull(),
    // Whether the cart was in the upsell holdout (saw no suggestions) at checkout.
    inHoldout: integer("in_holdout", { mode: "boolean" }).notNull().default(false),
    paidAt: integer("paid_at"),
    // The shipping method chosen at payment, as it was then (name, price, estimate).
    shippingMethodId: integer("shipping_method_id"),
    shippingMethodName: text("shipping_method_name"),
    shippingCents: integer("shipping_cents").notNull().default(0),
    deliveryMinDays: integer("delivery_min_days"),
    deliveryMaxDays: integer("delivery_max_days"),
    // Tax Stripe reported (automatic tax); 0 otherwise. Included in totalCents once paid.
    taxCents: integer("tax_cents").notNull().default(0),
    fulfilmentStatus: text("fulfilment_status", { enum: FULFILMENT_STATUSES }).notNull().default("unfulfilled"),
    cancelledAt: integer("cancelled_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
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
export const orderLines = sqliteTable(
  "order_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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

export const orderStatusHistory = sqliteTable(
  "order_status_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    note: text("note"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("order_status_history_order_idx").on(t.orderId)],
);

// ---------------------------------------------------------------- shipping and fulfilment

// Staff-managed ways to ship; prices are read from here at checkout, never from a form.
export const shippingMethods = sqliteTable("shipping_methods", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull(),
  priceCents: integer("price_cents").notNull(),
  // Free when the order's goods (after bundle discounts) reach this; null: never free.
  freeOverCents: integer("free_over_cents"),
  minDays: integer("min_days").notNull(),
  maxDays: integer("max_days").notNull(),
  // JSON array of ISO 3166-1 alpha-2 country codes.
  countries: text("countries", { mode: "json" }).$type<string[]>().notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  position: integer("position").notNull().default(0),
  createdAt: integer("created_at").notNull().default(now),
  updatedAt: integer("updated_at").notNull().default(now),
});

export const CARRIERS = ["usps", "ups", "fedex", "dhl", "royal_mail", "other"] as const;

// A parcel sent for an order: some or all of its lines.
export const shipments = sqliteTable(
  "shipments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    carrier: text("carrier", { enum: CARRIERS }).notNull(),
    trackingNumber: text("tracking_number"),
    trackingUrl: text("tracking_url"),
    shippedAt: integer("shipped_at").notNull(),
    deliveredAt: integer("delivered_at"),
    staffId: integer("staff_id"),
    // The one-time key of the staff form that made it: the same form sent twice makes one shipment.
    formKey: text("form_key"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("shipments_order_idx").on(t.orderId), uniqueIndex("shipments_form_key_unique").on(t.formKey)],
);

export const shipmentLines = sqliteTable(
  "shipment_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;

// Side effects that must not be lost (emails, Stripe calls that must be
// retried until Stripe confirms), written in the same transaction as the change
// that causes them and carried out by a background sender. The dedupe key makes
// writing the same effect twice a no-op.
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    // A sender that claimed the row; others leave it alone until then.
    lockedUntil: integer("locked_until"),
    lastError: text("last_error"),
    orderId: integer("order_id"),
    createdAt: integer("created_at").notNull().default(now),
    sentAt: integer("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_unique").on(t.dedupeKey),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_order_idx").on(t.orderId),
  ],
);

export const HOLD_STATUSES = ["active", "converted", "released"] as const;

// Stock reserved for a pending order until it is paid or its session expires.
export const stockHolds = sqliteTable(
  "stock_holds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    orderId: integer("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    variantId: integer("variant_id")
      .notNull()
      .references(() => variants.id),
    quantity: integer("quantity").notNull(),
    status: text("status", { enum: HOLD_STATUSES }).notNull().default("active"),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    resolvedAt: integer("resolved_at"),
  },
  (t) => [
    index("stock_holds_order_idx").on(t.orderId),
    index("stock_holds_active_expiry_idx").on(t.status, t.expiresAt),
  ],
);

export const REFUND_STATUSES = ["pending", "succeeded", "failed", "canceled"] as const;

// Refunds as Stripe reports them (or as test-payment mode makes them locally).
export const refunds = sqliteTable(
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
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("refunds_order_idx").on(t.orderId)],
);

// Every Stripe event id we have acted on, written in the same transaction as
// its effects so a replay does nothing.
export const stripeEvents = sqliteTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  orderId: integer("order_id"),
  processedAt: integer("processed_at").notNull().default(now),
});

// ---------------------------------------------------------------- stock ledger

export const STOCK_REASONS = [
  "initial",
  "received",
  "counted",
  "damaged",
  "returned",
  "correction",
  "hold",
  "hold_released",
  "sale",
  "refund_restock",
  "cancelled",
] as const;

// Every change to a variant's on-hand or held stock.
export const stockLedger = sqliteTable(
  "stock_ledger",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    index("stock_ledger_variant_idx").on(t.variantId, t.id),
    index("stock_ledger_created_idx").on(t.createdAt),
  ],
);

// Pictures staff upload for variants, kept in the database so every server
// process and every backup has them. Served at /images/<sha256>.<ext>.
export const uploadedImages = sqliteTable("uploaded_images", {
  sha256: text("sha256").primaryKey(),
  contentType: text("content_type").notNull(),
  bytes: blob("bytes", { mode: "buffer" }).notNull(),
  byteLength: integer("byte_length").notNull(),
  staffId: integer("staff_id"),
  createdAt: integer("created_at").notNull().default(now),
});

// ---------------------------------------------------------------- staff

// "staff" is the role of accounts made before roles (permissions of a manager).
export const STAFF_ROLES = ["owner", "manager", "fulfilment", "support", "staff"] as const;

export const staff = sqliteTable(
  "staff",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role", { enum: STAFF_ROLES }).notNull(),
    passwordHash: text("password_hash").notNull(),
    disabledAt: integer("disabled_at"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [uniqueIndex("staff_email_unique").on(t.email)],
);

// Server-side admin sessions; the cookie carries a random token whose SHA-256
// is the id here, so a leaked database does not leak live sessions.
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("staff_sessions_staff_idx").on(t.staffId)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ipAddress: text("ip_address").notNull(),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.createdAt),
    index("login_attempts_ip_idx").on(t.ipAddress, t.createdAt),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    staffId: integer("staff_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [index("audit_log_created_idx").on(t.createdAt)],
);

// ---------------------------------------------------------------- experiments

export const EXPERIMENT_SOURCES = ["staff", "holdout_setting"] as const;
export const EXPERIMENT_ARM_KINDS = ["holdout", "offers", "discount"] as const;

// An upsell experiment: carts are split between its arms by a hash of the cart
// id and hashSalt, in position order. One runs at a time: [startsAt, endsAt).
export const experiments = sqliteTable(
  "experiments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    // holdout_setting: made from the former "carts held out (%)" setting.
    source: text("source", { enum: EXPERIMENT_SOURCES }).notNull().default("staff"),
    hashSalt: text("hash_salt").notNull(),
    startsAt: integer("starts_at").notNull(),
    // Null: runs until stopped.
    endsAt: integer("ends_at"),
    staffId: integer("staff_id"),
    createdAt: integer("created_at").notNull().default(now),
    updatedAt: integer("updated_at").notNull().default(now),
  },
  (t) => [index("experiments_starts_idx").on(t.startsAt)],
);

// holdout: no suggestions; offers: suggestions with the shop's offers as set;
// discount: suggestions, every bundle offer giving this discount instead.
export const experimentArms = sqliteTable(
  "experiment_arms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
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
export const experimentAssignments = sqliteTable(
  "experiment_assignments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.id, { onDelete: "cascade" }),
    cartId: text("cart_id").notNull(),
    armId: integer("arm_id")
      .notNull()
      .references(() => experimentArms.id, { onDelete: "cascade" }),
    assignedAt: integer("assigned_at").notNull(),
  },
  (t) => [
    uniqueIndex("experiment_assignments_cart_unique").on(t.experimentId, t.cartId),
    index("experiment_assignments_arm_idx").on(t.armId, t.assignedAt),
  ],
);

// ---------------------------------------------------------------- after-payment add-ons

// A micro bag bought after payment for an order already paid: its own order
// row (payment, stock hold, refund) linked here to the order it ships with.
export const orderAddons = sqliteTable(
  "order_addons",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    parentOrderId: integer("parent_order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    addonOrderId: integer("addon_order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    // The tote of the first order whose bundle price it got.
    toteProductId: integer("tote_product_id"),
    variantId: integer("variant_id").notNull(),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    uniqueIndex("order_addons_addon_unique").on(t.addonOrderId),
    index("order_addons_parent_idx").on(t.parentOrderId),
  ],
);

// One-time form tokens of back-office changes that move money, stock or delete:
// a token is written with the change it allowed, in the same transaction, so a
// double submit or a replay of the same form finds it and changes nothing.
export const usedFormTokens = sqliteTable(
  "used_form_tokens",
  {
    token: text("token").primaryKey(),
    purpose: text("purpose").notNull(),
    staffId: integer("staff_id"),
    outcome: text("outcome").notNull(),
    usedAt: integer("used_at").notNull(),
  },
  (t) => [index("used_form_tokens_used_idx").on(t.usedAt)],
);

// One row, bumped by triggers when a variant's stock (on hand or held) changes.
// Kept apart from catalog_version so that a sale refreshes stock levels in
// every process without rebuilding the catalog snapshot (issue 15).
export const stockVersion = sqliteTable("stock_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull().default(0),
});

// ---------------------------------------------------------------- back in stock

// "Tell me when it's back": one row per email and product colour (a colour may
// have several variants, e.g. gold and silver hardware). notifiedAt is set when
// the email is queued in the outbox, in the same transaction as the restock.
export const backInStockRequests = sqliteTable(
  "back_in_stock_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    // The colour as it appears in URLs ("rose-gold").
    colour: text("colour").notNull(),
    // Lower-cased.
    email: text("email").notNull(),
    createdAt: integer("created_at").notNull().default(now),
    notifiedAt: integer("notified_at"),
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
export const passwordResetLinks = sqliteTable(
  "password_reset_links",
  {
    id: text("id").primaryKey(),
    staffId: integer("staff_id")
      .notNull()
      .references(() => staff.id, { onDelete: "cascade" }),
    createdBy: integer("created_by"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("password_reset_links_staff_idx").on(t.staffId)],
);

// ---------------------------------------------------------------- product photos

// Photos staff upload for a whole product (every colour), shown after the
// colour's own picture in its gallery. imageUrl is what variants.image_url
// holds for an uploaded picture: the URL of its large size in uploaded_images.
export const productPhotos = sqliteTable(
  "product_photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    imageUrl: text("image_url").notNull(),
    // Written by staff, read out by screen readers; never empty.
    alt: text("alt").notNull(),
    // 0, 1, 2 … in the order the gallery shows them.
    position: integer("position").notNull(),
    staffId: integer("staff_id"),
    createdAt: integer("created_at").notNull().default(now),
  },
  (t) => [
    index("product_photos_product_idx").on(t.productId, t.position),
    check("product_photos_alt_length", sql`length(${t.alt}) BETWEEN 1 AND 200`),
  ],
);
