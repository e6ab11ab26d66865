// A loopback stand-in for the parts of Stripe's API the shop calls, answering
// with genuine Stripe object shapes (tests/fixtures/stripe). It records every
// request so tests can assert the exact parameters sent.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import type { AddressInfo } from "node:net";

const FIXTURES = path.resolve(__dirname, "../fixtures/stripe");
export function fixture<T = Record<string, any>>(name: "checkout_session" | "event" | "refund" | "payment_intent" | "charge"): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as T;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  params: Record<string, any>;
}

/** Parse Stripe's form encoding (`a[b][0][c]=1`) into nested objects and arrays. */
export function parseStripeForm(body: string): Record<string, any> {
  const root: Record<string, any> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const keys = rawKey.split(/\[|\]\[|\]/).filter((k) => k !== "");
    let node: any = root;
    keys.forEach((key, i) => {
      const last = i === keys.length - 1;
      const nextIsIndex = !last && /^\d+$/.test(keys[i + 1]!);
      if (last) node[key] = value;
      else node = node[key] ??= nextIsIndex ? [] : {};
    });
  }
  return root;
}

type Failure = { status: number; type: string; message: string; code?: string };

export interface StripeStandIn {
  url: string;
  requests: RecordedRequest[];
  sessions: Map<string, Record<string, any>>;
  refunds: Map<string, Record<string, any>>;
  /** The shipping rates made from sessions' inline shipping_rate_data, by id. */
  shippingRates: Map<string, Record<string, any>>;
  /** PaymentIntents (with their latest charge's id) made by `succeedPayment`, by id. */
  paymentIntents: Map<string, Record<string, any>>;
  charges: Map<string, Record<string, any>>;
  /**
   * A succeeded PaymentIntent and its charge on a card (as Stripe makes when a
   * session is paid); returns the PaymentIntent's id for the session.
   */
  succeedPayment: (args: { amount: number; currency?: string; brand?: string; last4?: string; cardDetails?: boolean }) => string;
  /** Make the next matching call fail with a Stripe error. */
  failNext: (pathPrefix: string, failure: Failure) => void;
  /**
   * Called with each refund made, before the shop hears back: lets a test
   * deliver Stripe's webhook for it while the shop is still waiting.
   */
  onRefundCreated: ((refund: Record<string, any>) => Promise<void> | void) | null;
  close: () => Promise<void>;
}

export async function startStripeStandIn(): Promise<StripeStandIn> {
  const requests: RecordedRequest[] = [];
  const sessions = new Map<string, Record<string, any>>();
  const refunds = new Map<string, Record<string, any>>();
  const shippingRates = new Map<string, Record<string, any>>();
  const paymentIntents = new Map<string, Record<string, any>>();
  const charges = new Map<string, Record<string, any>>();
  const idempotent = new Map<string, { status: number; body: string }>();
  const failures: { prefix: string; failure: Failure }[] = [];
  const hooks: Pick<StripeStandIn, "onRefundCreated"> = { onRefundCreated: null };

  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://stand-in");
      const params = req.method === "GET" ? Object.fromEntries(url.searchParams) : parseStripeForm(body);
      requests.push({ method: req.method ?? "GET", path: url.pathname, headers: req.headers, params });

      const send = (status: number, payload: unknown) => {
        const text = JSON.stringify(payload);
        const key = req.headers["idempotency-key"];
        if (typeof key === "string" && req.method === "POST") idempotent.set(key, { status, body: text });
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_${crypto.randomBytes(6).toString("hex")}` });
        res.end(text);
      };

      const key = req.headers["idempotency-key"];
      if (typeof key === "string" && idempotent.has(key)) {
        const cached = idempotent.get(key)!;
        res.writeHead(cached.status, { "Content-Type": "application/json", "Idempotent-Replayed": "true" });
        return res.end(cached.body);
      }
      const failureIndex = failures.findIndex((f) => url.pathname.startsWith(f.prefix));
      if (failureIndex >= 0) {
        const { failure } = failures.splice(failureIndex, 1)[0]!;
        return send(failure.status, { error: { type: failure.type, message: failure.message, code: failure.code } });
      }

      if (req.method === "POST" && url.pathname === "/v1/checkout/sessions") {
        const id = `cs_test_${crypto.randomBytes(24).toString("hex")}`;
        const lineItems: any[] = params.line_items ?? [];
        const amount = lineItems.reduce((sum, li) => sum + Number(li.price_data.unit_amount) * Number(li.quantity), 0);
        // Inline rates become shipping_rate objects; like Stripe, the first option is preselected.
        const shippingOptions = ((params.shipping_options ?? []) as any[]).map((o) => {
          const rate = {
            id: `shr_${crypto.randomBytes(12).toString("hex")}`,
            object: "shipping_rate",
            active: true,
            display_name: o.shipping_rate_data.display_name,
            fixed_amount: { amount: Number(o.shipping_rate_data.fixed_amount.amount), currency: o.shipping_rate_data.fixed_amount.currency },
            delivery_estimate: o.shipping_rate_data.delivery_estimate ?? null,
            metadata: o.shipping_rate_data.metadata ?? {},
            type: "fixed_amount",
          };
          shippingRates.set(rate.id, rate);
          return { shipping_amount: rate.fixed_amount.amount, shipping_rate: rate.id };
        });
        const chosen = shippingOptions[0] ?? null;
        const shipping = chosen?.shipping_amount ?? 0;
        const session = {
          ...fixture("checkout_session"),
          id,
          url: `https://checkout.stripe.com/c/pay/${id}`,
          mode: params.mode,
          status: "open",
          payment_status: "unpaid",
          amount_subtotal: amount,
          amount_total: amount + shipping,
          shipping_options: shippingOptions,
          shipping_cost: chosen
            ? { amount_subtotal: shipping, amount_tax: 0, amount_total: shipping, shipping_rate: chosen.shipping_rate }
            : null,
          total_details: { amount_discount: 0, amount_shipping: shipping, amount_tax: 0 },
          shipping_address_collection: params.shipping_address_collection ?? null,
          automatic_tax: { ...fixture("checkout_session").automatic_tax, enabled: params.automatic_tax?.enabled === "true" },
          currency: lineItems[0]?.price_data?.currency ?? "usd",
          client_reference_id: params.client_reference_id ?? null,
          metadata: params.metadata ?? {},
          success_url: params.success_url,
          cancel_url: params.cancel_url,
          expires_at: Number(params.expires_at),
          payment_intent: null,
          created: Math.floor(Date.now() / 1000),
        };
        sessions.set(id, session);
        return send(200, session);
      }
      const sessionMatch = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(url.pathname);
      if (sessionMatch) {
        const session = sessions.get(sessionMatch[1]!);
        if (!session) return send(404, { error: { type: "invalid_request_error", message: "No such checkout.session" } });
        if (sessionMatch[2] && req.method === "POST") session.status = "expired";
        return send(200, session);
      }
      const intentMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(url.pathname);
      if (req.method === "GET" && intentMatch) {
        const intent = paymentIntents.get(intentMatch[1]!);
        if (!intent) return send(404, { error: { type: "invalid_request_error", message: `No such payment_intent: '${intentMatch[1]}'`, code: "resource_missing" } });
        // GET expand arrives as expand[0]=latest_charge.
        const expand = Object.entries(params).filter(([k]) => k === "expand" || k.startsWith("expand[")).map(([, v]) => v);
        const charge = intent.latest_charge ? charges.get(intent.latest_charge) : null;
        return send(200, expand.includes("latest_charge") && charge ? { ...intent, latest_charge: charge } : intent);
      }
      if (req.method === "POST" && url.pathname === "/v1/refunds") {
        const id = `re_${crypto.randomBytes(12).toString("hex")}`;
        const refund = {
          ...fixture("refund"),
          id,
          amount: Number(params.amount),
          payment_intent: params.payment_intent ?? null,
          status: "succeeded",
          metadata: params.metadata ?? {},
          created: Math.floor(Date.now() / 1000),
        };
        refunds.set(id, refund);
        const hook = hooks.onRefundCreated;
        if (!hook) return send(200, refund);
        return void Promise.resolve(hook(refund)).then(
          () => send(200, refund),
          (error) => send(500, { error: { type: "api_error", message: String(error) } }),
        );
      }
      send(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${url.pathname})` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(hooks, {
    url: `http://127.0.0.1:${port}`,
    requests,
    sessions,
    refunds,
    shippingRates,
    paymentIntents,
    charges,
    succeedPayment: ({ amount, currency = "usd", brand = "visa", last4 = "4242", cardDetails = true }: Parameters<StripeStandIn["succeedPayment"]>[0]) => {
      const intentId = `pi_${crypto.randomBytes(12).toString("hex")}`;
      const chargeId = `ch_${crypto.randomBytes(12).toString("hex")}`;
      const base = fixture("charge");
      charges.set(chargeId, {
        ...base,
        id: chargeId,
        amount,
        amount_captured: amount,
        captured: true,
        currency,
        payment_intent: intentId,
        // Without cardDetails the charge is one Stripe made on another method (no card block).
        payment_method_details: cardDetails
          ? { ...base.payment_method_details, card: { ...base.payment_method_details.card, brand, last4, network: brand } }
          : { type: "link", link: { country: "US" } },
        created: Math.floor(Date.now() / 1000),
      });
      paymentIntents.set(intentId, {
        ...fixture("payment_intent"),
        id: intentId,
        amount,
        amount_received: amount,
        currency,
        status: "succeeded",
        canceled_at: null,
        last_payment_error: null,
        next_action: null,
        latest_charge: chargeId,
        created: Math.floor(Date.now() / 1000),
      });
      return intentId;
    },
    failNext: (prefix: string, failure: Failure) => void failures.push({ prefix, failure }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A Stripe event envelope around an object, shaped like tests/fixtures/stripe/event.json. */
export function stripeEvent(type: string, object: Record<string, any>, id = `evt_${crypto.randomBytes(12).toString("hex")}`) {
  return {
    ...fixture("event"),
    id,
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  };
}
