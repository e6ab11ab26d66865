import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { productGallery } from "~/art/gallery";
import { ProductCard } from "~/components/ProductCard";
import type { CatalogProduct } from "~/domain/catalog";
import { responsiveImage } from "~/domain/images";
import { productCard } from "~/domain/product-view";
import { getCatalog } from "~/models/catalog.server";
import { canonical, shareTags } from "~/utils/seo";

const DESCRIPTION =
  "Canvas, vegan leather and calfskin totes, and the tiny micro bags that clip onto their handles. Bundle a charm with your tote and save.";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: "Tote & Charm · Totes and micro bag charms" },
  { name: "description", content: DESCRIPTION },
  canonical(matches, "/"),
  ...shareTags(matches, { title: "Tote & Charm", description: DESCRIPTION, path: "/", image: data?.shareImage }),
];

export function loader() {
  const catalog = getCatalog();
  const totes = catalog.products.filter((p) => p.kind === "tote").slice(0, 4);
  const charms = catalog.products.filter((p) => p.kind === "micro" && p.available > 0).slice(0, 6);
  const heroVariant = totes[0]?.variants[0];
  return {
    shareImage: heroVariant ? `/social/${heroVariant.sku}.png` : null,
    hero: heroPicture(catalog.products),
    totes: totes.map((p) => productCard(p)),
    charms: charms.map((p) => productCard(p)),
  };
}

/** The shop's idea in one picture: the first tote that has a micro bag to carry, with one clipped to its handle. */
function heroPicture(products: CatalogProduct[]) {
  for (const tote of products) {
    if (tote.kind !== "tote") continue;
    const pairing = productGallery(tote, tote.variants[0]!, products).find((p) => p.view === "with-micro-bag");
    if (pairing) return { imageUrl: pairing.url, alt: pairing.alt };
  }
  return null;
}

export default function Home() {
  const { hero, totes, charms } = useLoaderData<typeof loader>();
  return (
    <>
      <section className="hero" aria-labelledby="hero-title">
        <div className="wrap">
          <div>
            <p className="eyebrow">New season</p>
            <h1 id="hero-title">The tote you carry. The charm that makes it yours.</h1>
            <p>
              Everyday totes in canvas, vegan leather and calfskin, and micro bags small enough to clip onto the handle.
              Add a charm to any tote and take 15% off it.
            </p>
            <div className="hero-actions">
              <Link className="button" to="/collections/totes">
                Shop totes
              </Link>
              <Link className="button secondary" to="/collections/micro-bags">
                Shop micro bags
              </Link>
            </div>
          </div>
          {hero ? (
            <img
              className="hero-art"
              {...responsiveImage(hero.imageUrl, "(max-width: 720px) 280px, 460px")}
              alt={hero.alt}
              width={460}
              height={460}
              fetchPriority="high"
            />
          ) : null}
        </div>
      </section>

      <section className="section wrap" aria-labelledby="featured-totes">
        <div className="section-head">
          <h2 id="featured-totes">Featured totes</h2>
          <Link to="/collections/totes">All totes</Link>
        </div>
        <ul className="product-grid">
          {totes.map((p) => (
            <li key={p.slug}>
              <ProductCard product={p} />
            </li>
          ))}
        </ul>
      </section>

      <section className="section wrap" aria-labelledby="charms">
        <div className="section-head">
          <div>
            <h2 id="charms">Charms for your tote</h2>
            <p className="card-meta">Micro bags, 5–10 cm, with a clasp or chain to hang them on your handles.</p>
          </div>
          <Link to="/collections/micro-bags">All micro bags</Link>
        </div>
        <ul className="product-grid compact">
          {charms.map((p) => (
            <li key={p.slug}>
              <ProductCard product={p} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
