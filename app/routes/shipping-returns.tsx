import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContentPageFrame } from "~/components/ContentPage";
import { canonical, shareTags } from "~/utils/seo";
import { contentPage, RETURN_DAYS } from "~/domain/content-pages";
import { formatCents } from "~/domain/money";
import { deliveryEstimate, SHIPPING_COUNTRIES, isCountryCode } from "~/domain/shipping";
import { listActiveShippingMethods } from "~/models/shipping.server";

const page = contentPage("/shipping-returns");

export const meta: MetaFunction = ({ matches }) => [
  { title: `${page.title} · Tote & Charm` },
  { name: "description", content: page.description },
  canonical(matches, page.path),
  ...shareTags(matches, { title: `${page.title} · Tote & Charm`, description: page.description, path: page.path }),
];

// Prices and times come from the shipping methods staff manage, so this page never disagrees with checkout.
export function loader() {
  return {
    methods: listActiveShippingMethods().map((m) => ({
      id: m.id,
      name: m.name,
      price: m.priceCents === 0 ? "Free" : formatCents(m.priceCents),
      freeOver: m.freeOverCents !== null && m.priceCents > 0 ? formatCents(m.freeOverCents) : null,
      time: deliveryEstimate(m.minDays, m.maxDays),
      countries: m.countries.filter(isCountryCode).map((c) => SHIPPING_COUNTRIES[c]),
    })),
  };
}

export default function ShippingReturns() {
  const { methods } = useLoaderData<typeof loader>();
  return (
    <ContentPageFrame page={page}>
      <h2>Shipping</h2>
      <p>
        Every bag is checked, wrapped in tissue and packed by hand in our studio. Orders usually leave us within one or two
        working days; you get an email with the tracking link as soon as the parcel is on its way.
      </p>
      {methods.length > 0 ? (
        <ul className="shipping-methods" data-testid="shipping-methods">
          {methods.map((m) => (
            <li key={m.id}>
              <h3>{m.name}</h3>
              <p className="shipping-price">
                {m.price}
                {m.freeOver ? <span className="card-meta"> · free on orders of {m.freeOver} or more</span> : null}
              </p>
              <p>{m.time}</p>
              <p className="card-meta">Ships to {m.countries.join(", ")}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>Shipping prices are shown at checkout before you pay.</p>
      )}
      <p className="card-meta">Delivery times count from the day your parcel leaves us. The price you see at checkout is the price you pay.</p>

      <h2 id="returns">Free returns within {RETURN_DAYS} days</h2>
      <p>
        Changed your mind? Send any unused bag back within {RETURN_DAYS} days of delivery, with its tags and dust bag, and
        we refund the full price to your card. Returns are free: reply to your order email and we send you a prepaid label.
      </p>
      <ul>
        <li>Refunds go back to the card you paid with, usually within five working days of the bag reaching us.</li>
        <li>A bundle can be returned whole or in part; we refund what you paid for the pieces you send back.</li>
        <li>Something wrong with your bag? Tell us and we put it right, whenever that is: a repair, a replacement or your money back.</li>
      </ul>
      <p>
        Questions about an order? <Link to="/contact">Get in touch</Link> or read the <Link to="/faq">FAQ</Link>.
      </p>
    </ContentPageFrame>
  );
}
