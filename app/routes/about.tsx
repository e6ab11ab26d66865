import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { ContentPageFrame } from "~/components/ContentPage";
import { canonical, shareTags } from "~/utils/seo";
import { contentPage } from "~/domain/content-pages";

const page = contentPage("/about");

export const meta: MetaFunction = ({ matches }) => [
  { title: `${page.title} · Tote & Charm` },
  { name: "description", content: page.description },
  canonical(matches, page.path),
  ...shareTags(matches, { title: `${page.title} · Tote & Charm`, description: page.description, path: page.path }),
];

export default function About() {
  return (
    <ContentPageFrame page={page}>
      <p>
        Tote &amp; Charm started with one idea: the bag you carry every day should be plain enough to go with everything,
        and a little bit yours. So we make two things. Totes, in canvas, vegan leather and calfskin, cut roomy enough for
        a laptop and a lunch. And micro bags: purses between 5 and 10 cm that clip onto a tote&apos;s handle with a lobster
        clasp, a split ring or a chain loop.
      </p>
      <h2>How we choose</h2>
      <p>
        We keep the range small on purpose. Each tote is chosen for its handles as much as its shape, so a charm sits where
        it should; each micro bag is tried on the totes it is meant for. On every page we tell you which charms fit which
        tote, and show them to scale, because a 9 cm bag should look like one.
      </p>
      <h2>How we work</h2>
      <ul>
        <li>Every order is checked and packed by hand, in tissue, with no plastic filler.</li>
        <li>We tell you what is in stock honestly: if a colour is sold out, you can ask us to email you when it is back.</li>
        <li>Free returns within 30 days, and we fix what goes wrong.</li>
      </ul>
      <p>
        <Link className="button" to="/collections/totes">
          Shop totes
        </Link>{" "}
        <Link className="button secondary" to="/contact">
          Say hello
        </Link>
      </p>
    </ContentPageFrame>
  );
}
