import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ContentPageFrame } from "~/components/ContentPage";
import { canonical, shareTags } from "~/utils/seo";
import { contentPage } from "~/domain/content-pages";
import { env } from "~/utils/env.server";

const page = contentPage("/contact");

export const meta: MetaFunction = ({ matches }) => [
  { title: `${page.title} · Tote & Charm` },
  { name: "description", content: page.description },
  canonical(matches, page.path),
  ...shareTags(matches, { title: `${page.title} · Tote & Charm`, description: page.description, path: page.path }),
];

// The address our emails come from (MAIL_FROM): a reply to any order email reaches the same inbox.
export function loader() {
  const from = env().mail.from;
  return { email: /<([^>]+)>/.exec(from)?.[1] ?? from };
}

export default function Contact() {
  const { email } = useLoaderData<typeof loader>();
  return (
    <ContentPageFrame page={page}>
      <h2>Email</h2>
      <p>
        Write to <a href={`mailto:${email}`}>{email}</a>. If it is about an order, replying to your order email works
        just as well and keeps everything together; include your order number if you have it.
      </p>
      <h2>When we answer</h2>
      <p>Monday to Friday, 9 am to 5 pm. We answer most messages within one working day.</p>
      <h2>Before you write</h2>
      <ul>
        <li>
          Where is my order? Your shipping email has a tracking link, and your order page shows every shipment.
        </li>
        <li>
          Returning a bag? See <Link to="/shipping-returns#returns">free returns within 30 days</Link>.
        </li>
        <li>
          Which charm fits my tote? Each tote&apos;s page lists the micro bags that fit its handles; the{" "}
          <Link to="/faq">FAQ</Link> explains the clasps.
        </li>
      </ul>
    </ContentPageFrame>
  );
}
