// Who may do what in the back office: the one table of roles and permissions.
// Every admin loader and action asks for one named permission first
// (requirePermission in utils/auth.server.ts); pages and links are hidden from
// roles that lack it. Pure: no database.
//
// - owner: everything.
// - manager: everything but staff accounts and shop settings.
// - fulfilment: stock and orders to ship; no refunds, cancellations, prices or offers.
// - support: orders and refunds (up to a limit the owner sets); no prices or offers.
// Accounts made before roles existed have the role "staff": they keep what
// they could do then (everything but staff), i.e. a manager's permissions.
import { formatCents } from "./money";
import type { StaffRole } from "./staff";

export const PERMISSIONS = [
  "dashboard.view",
  "settings.edit",
  "stock.view",
  "stock.adjust",
  "products.view",
  "products.edit",
  "offers.view",
  "offers.edit",
  "orders.view",
  "orders.ship",
  "orders.cancel",
  "orders.refund",
  "orders.export",
  "customers.view",
  "sales.view",
  "shipping.view",
  "shipping.edit",
  "outbox.view",
  "outbox.retry",
  "audit.view",
  "staff.manage",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const ALL: readonly Permission[] = PERMISSIONS;
const MANAGER: readonly Permission[] = PERMISSIONS.filter((p) => p !== "staff.manage" && p !== "settings.edit");

export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  owner: ALL,
  manager: MANAGER,
  fulfilment: [
    "dashboard.view",
    "stock.view",
    "stock.adjust",
    "products.view",
    "orders.view",
    "orders.ship",
    "shipping.view",
    "outbox.view",
  ],
  support: [
    "dashboard.view",
    "stock.view",
    "products.view",
    "orders.view",
    "orders.cancel",
    "orders.refund",
    "customers.view",
    "shipping.view",
    "outbox.view",
    "outbox.retry",
  ],
  staff: MANAGER,
};

/** What each permission lets someone do, in the words a 403 page uses. */
export const PERMISSION_LABELS: Record<Permission, string> = {
  "dashboard.view": "see the dashboard",
  "settings.edit": "change the shop's settings",
  "stock.view": "see stock",
  "stock.adjust": "change stock",
  "products.view": "see products",
  "products.edit": "change products and prices",
  "offers.view": "see bundle offers",
  "offers.edit": "change bundle offers",
  "orders.view": "see orders",
  "orders.ship": "ship orders",
  "orders.cancel": "cancel orders",
  "orders.refund": "refund orders",
  "orders.export": "download orders",
  "customers.view": "see customers",
  "sales.view": "see sales figures",
  "shipping.view": "see shipping methods",
  "shipping.edit": "change shipping methods",
  "outbox.view": "see the email outbox",
  "outbox.retry": "retry emails",
  "audit.view": "read the audit log",
  "staff.manage": "manage staff accounts",
};

export function can(role: StaffRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role]?.includes(permission) ?? false;
}

export function forbiddenMessage(permission: Permission): string {
  return `Your role can't ${PERMISSION_LABELS[permission]}. Ask the shop's owner if you need to.`;
}

/** Roles whose refunds are capped by the owner's limit (the support role). */
export function refundIsLimited(role: StaffRole): boolean {
  return role === "support";
}

/** Why a refund of `amountCents` is over the role's limit, or null. */
export function refundLimitProblem(role: StaffRole, amountCents: number, limitCents: number): string | null {
  if (!refundIsLimited(role) || amountCents <= limitCents) return null;
  return `Your role can refund at most ${formatCents(limitCents)} at a time; this refund is ${formatCents(amountCents)}. Ask a manager or the owner.`;
}
