// Every kind of page the shop serves, for the security-header and CSP tests.
export const ADMIN_EMAIL = "owner@headers.example";
export const ADMIN_PASSWORD = "owner-password-for-headers";

export const TOTE_SKU = "TOT-VCT-CREAM";
export const MICRO_SKU = "MIC-HRT-GOLD";

/** Pages anyone can open: [name, path]. */
export const PUBLIC_PAGES: [string, string][] = [
  ["home", "/"],
  ["collection", "/collections/totes"],
  ["collection (micro bags)", "/collections/micro-bags"],
  ["product: tote", "/products/vegan-leather-city-tote"],
  ["product: micro bag", "/products/metallic-micro-heart"],
  ["search", "/search?q=lime"],
  ["shipping and returns", "/shipping-returns"],
  ["404: unknown address", "/no-such-page"],
  ["404: unknown product", "/products/no-such-bag"],
  ["admin sign-in", "/admin/login"],
];

/** Back-office pages, signed in as an owner. */
export const ADMIN_PAGES: [string, string][] = [
  ["admin dashboard", "/admin"],
  ["admin staff", "/admin/staff"],
  ["admin offers", "/admin/offers"],
  ["admin stock", "/admin/stock"],
  ["admin stock item", `/admin/stock/${TOTE_SKU}`],
  ["admin stock ledger", "/admin/stock/ledger"],
  ["admin audit log", "/admin/audit"],
  ["admin outbox", "/admin/outbox"],
  ["admin orders to ship", "/admin/orders"],
  ["admin sales", "/admin/sales"],
  ["admin customers", "/admin/customers"],
];

export const ADMIN_ENV = { ADMIN_EMAIL, ADMIN_PASSWORD };
