import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AddToCartForm } from "~/components/AddToCart";
import { PriceWithCompare } from "~/components/Money";
import {
  ATTACHMENT_LABELS,
  colourSlug,
  HARDWARE_LABELS,
  KIND_LABELS,
  pickVariantByColour,
  stockStatus,
} from "~/domain/catalog";
import { formatDimensions, SIZE_CLASS_LABELS } from "~/domain/size";
import { getCatalog } from "~/models/catalog.server";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.product.name} in ${data.variant.colourName} · Tote & Charm` },
        { name: "description", content: data.product.description },
      ]
    : [{ title: "Bag not found · Tote & Charm" }];

export function loader({ params, request }: LoaderFunctionArgs) {
  const catalog = getCatalog();
  const product = catalog.bySlug.get(params.slug ?? "");
  if (!product) throw new Response("Product not found", { status: 404 });
  const variant = pickVariantByColour(product, new URL(request.url).searchParams.get("colour"));
  return {
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

export default function ProductPage() {
  const { product, variant, colours } = useLoaderData<typeof loader>();
  const collection =
    product.kind === "tote"
      ? { to: "/collections/totes", label: "Totes" }
      : product.kind === "micro"
        ? { to: "/collections/micro-bags", label: "Micro bags" }
        : product.isKids
          ? { to: "/collections/kids", label: "Kids" }
          : { to: "/collections/mini-bags", label: "Mini bags" };

  return (
    <div className="wrap">
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
        <div className="product-image">
          <img
            src={variant.imageUrl}
            alt={`${product.name} in ${variant.colourName}`}
            width={600}
            height={600}
            fetchPriority="high"
          />
        </div>
        <div className="product-info">
          {product.isLimited ? <span className="badge">Limited edition</span> : null}
          <h1>{product.name}</h1>
          <p className="price">
            <PriceWithCompare cents={variant.priceCents} compareAtCents={variant.compareAtCents} />
          </p>

          <div className="colour-picker">
            <h2 className="eyebrow" id="colour-label">
              Colour: <span style={{ textTransform: "none", letterSpacing: 0, color: "var(--ink)" }}>{variant.colourName}</span>
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
        </div>
      </div>
    </div>
  );
}
