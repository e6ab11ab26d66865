import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ContentPageFrame } from "~/components/ContentPage";
import { canonical, shareTags } from "~/utils/seo";
import { contentPage, RETURN_DAYS } from "~/domain/content-pages";

const page = contentPage("/faq");

export const meta: MetaFunction = ({ matches }) => [
  { title: `${page.title} · Tote & Charm` },
  { name: "description", content: page.description },
  canonical(matches, page.path),
  ...shareTags(matches, { title: `${page.title} · Tote & Charm`, description: page.description, path: page.path }),
];

const QUESTIONS: { q: string; a: React.ReactNode }[] = [
  {
    q: "What is a micro bag?",
    a: "A real little purse, 5 to 10 cm across, made to hang on a tote's handle. It holds earbuds, a lip balm or a key, and it turns a plain tote into yours.",
  },
  {
    q: "Will a charm fit my tote?",
    a: "Micro bags clip on with a lobster clasp, a split ring or a chain loop. Every tote's page lists the charms that fit its handles and shows them on the tote, to scale. A tote takes up to two charms.",
  },
  {
    q: "How does the bundle price work?",
    a: "Buy a tote and take 15% off up to two micro bags in the same order. The saving is worked out in your cart and shown on every line, so you see exactly what you pay before checkout.",
  },
  {
    q: "How do I care for leather and canvas?",
    a: "Calfskin and lambskin like a soft dry cloth and a leather balm twice a year; keep them out of long sun. Vegan leather wipes clean with a damp cloth. Canvas can be spot-cleaned with mild soap and cold water; let it dry flat.",
  },
  {
    q: "A colour is sold out. Will it come back?",
    a: "Usually, yes. On the bag's page, choose the sold-out colour and leave your email: we write to you once, when it is back in stock.",
  },
  {
    q: "Can I return a bag?",
    a: (
      <>
        Yes: free returns within {RETURN_DAYS} days of delivery for unused bags. See{" "}
        <Link to="/shipping-returns#returns">shipping and returns</Link>.
      </>
    ),
  },
  {
    q: "How do I pay?",
    a: "By card at our secure checkout. Prices are in US dollars; shipping is added at checkout, and you see the total before you pay.",
  },
];

export default function Faq() {
  return (
    <ContentPageFrame page={page}>
      <div className="faq">
        {QUESTIONS.map(({ q, a }) => (
          <details key={q}>
            <summary>{q}</summary>
            <p>{a}</p>
          </details>
        ))}
      </div>
      <p>
        Something else? <Link to="/contact">Ask us</Link>.
      </p>
    </ContentPageFrame>
  );
}
