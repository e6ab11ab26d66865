import { json, type ActionFunctionArgs, type AppLoadContext, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { productGallery } from "~/art/gallery";
import { BackInStockForm } from "~/components/BackInStockForm";
import { useNonce } from "~/components/nonce";
import { FREE_RETURNS } from "~/domain/content-pages";
import { jsonForScript, productJsonLd } from "~/domain/structured-data";
import { signUpForRestock } from "~/services/back-in-stock.server";
import { siteOrigin } from "~/utils/site-url.server";
import { AddToCartForm } from "~/components/AddToCart";
import { ProductGallery } from "~/components/ProductGallery";
import galleryStyles from "~/styles/gallery.css";
import { Money, PriceWithCompare } from "~/components/Money";
import {
  ATTACHMENT_LABELS,
  colourSlug,
  HARDWARE_LABELS,
  KIND_LABELS,
  pickVariantByColour,
  stockStatus,
} from "~/domain/catalog";
import { formatDimensions, SIZE_CLASS_LABELS } from "~/domain/size";
import { CharmSuggestions } from "~/components/CharmSuggestions";
import type { CatalogProduct, CatalogVariant } from "~/domain/catalog";
import { suggestionCard } from "~/domain/product-view";
import type { CartLineRef } from "~/domain/cart";
import type { CatalogSnapshot } from "~/domain/catalog";
import { toteFitNote } from "~/domain/fit";
import { getCatalog } from "~/models/catalog.server";
import { shopPhotosFor } from "~/models/product-photos.server";
import { addOnePrices, shopperCart } from "~/services/cart.server";
import { coPurchaseRefreshAt } from "~/models/co-purchase.server";
import { onCachedPageServed, pageShowsStockOf, pageValidUntil } from "~/services/page-cache.server";
import { charmSuggestions, noteImpressions, noteImpressionsFor, offersForMicro, toteBundlesForMicro } from "~/services/suggestions.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: galleryStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Bag not found · Tote & Charm" }];
  const title = `${data.product.name} in ${data.variant.colourName} · Tote & Charm`;
  const { share } = data;
  return [
    { title },
    { name: "description", content: data.product.description },
    { tagName: "link", rel: "canonical", href: share.canonical },
    { property: "og:type", content: "product" },
    { property: "og:site_name", content: "Tote & Charm" },
    { property: "og:title", content: `${data.product.name} in ${data.variant.colourName}` },
    { property: "og:description", content: data.product.description },
    { property: "og:url", content: share.canonical },
    { property: "og:image", content: share.image },
    { property: "og:image:width", content: "1200" },
    { property: "og:image:height", content: "630" },
    { property: "og:image:alt", content: `${data.product.name} in ${data.variant.colourName}` },
    { property: "product:price:amount", content: share.price },
    { property: "product:price:currency", content: share.currency },
    { name: "twitter:card", content: "summary_large_image" },
    { name: "twitter:title", content: `${data.product.name} in ${data.variant.colourName}` },
    { name: "twitter:description", content: data.product.description },
    { name: "twitter:image", content: share.image },
  ];
};

// Adding to the cart from this page keeps the page as it is (the header count
// still updates): the shopper sees their "added" message where they clicked.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === "/cart" ? false : defaultShouldRevalidate;

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const catalog = getCatalog();
  const product = catalog.bySlug.get(params.slug ?? "");
  if (!product) throw new Response("Product not found", { status: 404 });
  const search = new URL(request.url).searchParams;
  const variant = pickVariantByColour(product, search.get("colour"));
  const cart = await shopperCart(request, context);
  const gallery = productGallery(product, variant, catalog.products, shopPhotosFor(product.id, catalog.version));
  const view = search.get("view");
  const photo = /^photo-(\d{1,2})$/.exec(view ?? "");
  const selected = photo ? Number(photo[1]) : gallery.findIndex((p) => p.view === view);
  // Cached for visitors without a cart: this page shows the product's exact stock.
  pageShowsStockOf(context, product.id);
  const origin = siteOrigin(request);
  const collection = collectionOf(product);
  const jsonLd = productJsonLd({
    product,
    variant,
    origin,
    imageUrl: variant.imageUrl,
    crumbs: [
      { name: "Home", path: "/" },
      { name: collection.label, path: collection.to },
      { name: product.name, path: `/products/${product.slug}` },
    ],
  });
  return {
    gallery: { pictures: gallery, selected: selected > 0 && selected < gallery.length ? selected : 0 },
    collection,
    // Built on the server and escaped for the script tag (see jsonForScript).
    jsonLd: jsonForScript(jsonLd),
    share: {
      canonical: `${origin}/products/${product.slug}`,
      image: `${origin}/social/${variant.sku}.png`,
      price: jsonLd["@graph"][0]!.offers!.price as string,
      currency: jsonLd["@graph"][0]!.offers!.priceCurrency as string,
    },
    upsell: product.kind === "tote" ? toteUpsell(request, context, catalog, product, variant, cart, search.get("charm")) : null,
    microOffer: product.kind === "micro" ? microOffer(catalog, product, cart.cartId) : null,
    // Only totes in stock are offered (a tote selling out moves stockStateEpoch, which the page cache checks).
    withTote: product.kind === "micro" ? { microSku: variant.sku, totes: toteBundlesForMicro(product, variant, 3, Date.now(), catalog, cart.cartId) } : null,
    // A tote no clasp fits says why, in the suggestions' place (in-stock alternatives: stockStateEpoch keeps it current).
    fitNote: toteFitNote(product, catalog.products),
    product: {
      slug: product.slug,
      name: product.name,
      kind: product.kind,
      kindLabel: KIND_LABELS[product.kind],
      description: product.description,
      material: product.material,
      dimensions: formatDimensions(product),
      sizeClass: SIZE_CLASS_LABELS[product.sizeClass],
      occasions: product.occasions,
      isKids: product.isKids,
      isLimited: product.isLimited,
      attachment: product.attachment ? ATTACHMENT_LABELS[product.attachment] : null,
      handleWidthCm: product.handleWidthCm,
      hasStrapRing: product.hasStrapRing,
    },
    variant: {
      sku: variant.sku,
      colourName: variant.colourName,
      hardware: HARDWARE_LABELS[variant.hardware],
      priceCents: variant.priceCents,
      compareAtCents: variant.compareAtCents,
      imageUrl: variant.imageUrl,
      available: variant.available,
      stock: stockStatus(variant),
    },
    colours: product.variants.map((v) => ({
      slug: colourSlug(v.colourName),
      name: v.colourName,
      hex: v.colourHex,
      soldOut: v.available <= 0,
      selected: v.sku === variant.sku,
    })),
  };
}

function collectionOf(product: Pick<CatalogProduct, "kind" | "isKids">) {
  return product.kind === "tote"
    ? { to: "/collections/totes", label: "Totes" }
    : product.kind === "micro"
      ? { to: "/collections/micro-bags", label: "Micro bags" }
      : product.isKids
        ? { to: "/collections/kids", label: "Kids" }
        : { to: "/collections/mini-bags", label: "Mini bags" };
}

/** "Tell me when it's back" on a sold-out colour. */
export async function action({ params, request }: ActionFunctionArgs) {
  const product = getCatalog().bySlug.get(params.slug ?? "");
  if (!product) throw new Response("Product not found", { status: 404 });
  const result = signUpForRestock(product, await request.formData());
  return json(result, { status: result.ok ? 200 : 400 });
}

/** "Complete it with a micro bag": suggestions for the chosen colour, and a to-scale preview. */
function toteUpsell(
  request: Request,
  context: AppLoadContext,
  catalog: CatalogSnapshot,
  tote: CatalogProduct,
  variant: CatalogVariant,
  { cartId, lines }: { cartId: string | null; lines: CartLineRef[] },
  charmParam: string | null,
) {
  const inCart = new Set(lines.map((l) => catalog.variantsById.get(l.variantId)?.productId ?? -1));
  const suggestions = charmSuggestions({ tote, toteVariant: variant, cartId, inCartProductIds: inCart, catalog, request });
  // The ranking used co-purchase counts that are read again once a minute.
  pageValidUntil(context, coPurchaseRefreshAt());
  if (suggestions.length === 0) return null;
  const shown = suggestions.map((s) => ({ productId: s.product.id, offerId: s.offer?.id ?? null }));
  noteImpressions(request, "product_page", tote.id, shown, cartId);
  // Sent from the page cache, the page still counts as shown.
  onCachedPageServed(context, ({ userAgent, now }) => noteImpressionsFor(userAgent, "product_page", tote.id, shown, null, now));

  // Any colour of this tote in the cart: its one-click add adds the charm only,
  // and says what that adds to the cart's total.
  const toteInCart = inCart.has(tote.id);
  const addPrices = toteInCart ? addOnePrices(lines, suggestions.map((s) => s.variant.id), catalog, undefined, cartId) : null;
  const cards = suggestions.map((s) => ({ ...suggestionCard(s), addPriceCents: addPrices?.get(s.variant.id) ?? null }));
  const preview = cards.find((c) => c.sku === charmParam) ?? cards[0]!;
  return {
    toteSku: variant.sku,
    toteInCart,
    totePriceCents: variant.priceCents,
    colourSlug: colourSlug(variant.colourName),
    suggestions: cards,
    preview: { sku: preview.sku, url: `/previews/${variant.sku}/${preview.sku}.svg`, alt: `${preview.colourName} ${preview.name} hanging on the ${variant.colourName} ${tote.name}, to scale` },
  };
}

/** On a micro bag's page: what a tote saves on it, and the totes it fits. */
function microOffer(catalog: CatalogSnapshot, micro: CatalogProduct, cartId: string | null) {
  const offers = offersForMicro(micro, Date.now(), catalog, cartId);
  return {
    label: offers.label,
    fits: offers.fits.slice(0, 8).map((f) => ({ slug: f.product.slug, name: f.product.name, reason: f.reason })),
  };
}

export default function ProductPage() {
  const { product, variant, colours, upsell, microOffer, withTote, fitNote, collection, jsonLd, gallery } = useLoaderData<typeof loader>();
  const nonce = useNonce();
  const colour = colours.find((c) => c.selected)!;

  return (
    <div className="wrap">
      <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonLd }} />
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li>
            <Link to={collection.to}>{collection.label}</Link>
          </li>
          <li aria-current="page">{product.name}</li>
        </ol>
      </nav>
      <div className="product-layout">
        <ProductGallery
          key={variant.sku}
          pictures={gallery.pictures}
          selected={gallery.selected}
          hrefFor={(view) => `?colour=${colours.find((c) => c.selected)?.slug ?? ""}&view=${view}`}
        />
        <div className="product-info">
          {product.isLimited ? <span className="badge">Limited edition</span> : null}
          <h1>{product.name}</h1>
          <p className="price">
            <PriceWithCompare cents={variant.priceCents} compareAtCents={variant.compareAtCents} />
          </p>

          <div className="colour-picker">
            <h2 className="picker-label" id="colour-label">
              Colour: <span>{variant.colourName}</span>
            </h2>
            <ul aria-labelledby="colour-label">
              {colours.map((c) => (
                <li key={c.slug}>
                  <Link
                    to={`?colour=${c.slug}`}
                    replace
                    preventScrollReset
                    aria-current={c.selected ? "true" : undefined}
                    aria-label={`${c.name}${c.soldOut ? " (sold out)" : ""}`}
                  >
                    <span className="swatch" style={{ background: c.hex }} aria-hidden="true" />
                    <span className={c.soldOut ? "sold" : undefined} aria-hidden="true">
                      {c.name}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </div>

          <p className={`stock ${variant.stock.kind}`} data-testid="stock-status">
            {variant.stock.label}
          </p>

          <AddToCartForm key={variant.sku} sku={variant.sku} productName={product.name} available={variant.available} />
          {variant.available <= 0 ? (
            <BackInStockForm key={colour.slug} colourSlug={colour.slug} colourName={colour.name} productName={product.name} />
          ) : null}
          <p className="returns-note">
            {FREE_RETURNS}. <Link to="/shipping-returns">Shipping and returns</Link>
          </p>

          <p>{product.description}</p>
          <dl className="product-facts">
            <dt>Size</dt>
            <dd>
              {product.sizeClass} · {product.dimensions}
            </dd>
            <dt>Material</dt>
            <dd>{product.material}</dd>
            <dt>Hardware</dt>
            <dd>{variant.hardware}</dd>
            {product.attachment ? (
              <>
                <dt>Attaches with</dt>
                <dd>{product.attachment}</dd>
              </>
            ) : null}
            {product.kind === "tote" && product.handleWidthCm ? (
              <>
                <dt>For charms</dt>
                <dd>
                  {product.handleWidthCm} cm handles{product.hasStrapRing ? ", strap ring" : ""}
                </dd>
              </>
            ) : null}
            {product.occasions.length > 0 ? (
              <>
                <dt>Occasion</dt>
                <dd style={{ textTransform: "capitalize" }}>{product.occasions.join(", ")}</dd>
              </>
            ) : null}
          </dl>
          {microOffer ? (
            <section className="micro-offer" aria-labelledby="micro-offer-title">
              <h2 id="micro-offer-title">{microOffer.label ?? "Clips onto your tote"}</h2>
              {microOffer.fits.length > 0 ? (
                <>
                  <p className="card-meta">Fits these totes:</p>
                  <ul className="fits-list">
                    {microOffer.fits.map((f) => (
                      <li key={f.slug}>
                        <Link to={`/products/${f.slug}`}>{f.name}</Link> <span className="card-meta">· {f.reason}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </section>
          ) : null}
          {withTote && withTote.totes.length > 0 ? (
            <section className="micro-offer" id="add-with-tote" aria-labelledby="add-with-tote-title">
              <h2 id="add-with-tote-title">Add with a tote</h2>
              <ul className="fits-list with-tote-list">
                {withTote.totes.map((t) => (
                  <li key={t.toteSku} data-tote-sku={t.toteSku}>
                    <Form method="post" action="/cart">
                      <input type="hidden" name="intent" value="add-bundle" />
                      <input type="hidden" name="sku" value={t.toteSku} />
                      <input type="hidden" name="charm" value={withTote.microSku} />
                      <input type="hidden" name="placement" value="micro_page" />
                      <Link to={`/products/${t.toteSlug}`}>{t.toteName}</Link>{" "}
                      <span className="card-meta">
                        together <Money cents={t.totalCents} />
                        {t.totalCents < t.regularCents ? (
                          <>
                            {" "}
                            <s className="price-was">
                              <span className="visually-hidden">Regular price </span>
                              <Money cents={t.regularCents} />
                            </s>
                          </>
                        ) : null}
                      </span>{" "}
                      <button type="submit" className="button small" aria-label={`Add both: ${t.toteName} and ${variant.colourName} ${product.name}`}>
                        Add both
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
      {fitNote ? (
        <section className="micro-offer" id="fit-note" aria-labelledby="fit-note-title">
          <h2 id="fit-note-title">Charms for this tote</h2>
          <p>{fitNote.reason}</p>
          {fitNote.alternatives.length > 0 ? (
            <>
              <p className="card-meta">These micro bags still fit:</p>
              <ul className="fits-list">
                {fitNote.alternatives.map((a) => (
                  <li key={a.slug}>
                    <Link to={`/products/${a.slug}`}>{a.name}</Link> <span className="card-meta">· {a.reason}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{fitNote.noneFit}</p>
          )}
        </section>
      ) : null}
      {upsell ? (
        <div className="upsell">
          <figure className="upsell-preview" id="tote-preview">
            <img src={upsell.preview.url} alt={upsell.preview.alt} width={360} height={360} loading="lazy" decoding="async" />
            <figcaption className="card-meta">Shown to scale on your tote.</figcaption>
          </figure>
          <CharmSuggestions
            id="complete-it"
            title="Complete it with a micro bag"
            toteSku={upsell.toteSku}
            toteInCart={upsell.toteInCart}
            totePriceCents={upsell.totePriceCents}
            placement="product_page"
            suggestions={upsell.suggestions}
            // The hash brings the preview into view (on phones it sits above the cards).
            previewHref={(sku) => `?colour=${upsell.colourSlug}&charm=${sku}#tote-preview`}
          />
        </div>
      ) : null}
    </div>
  );
}
