import { Link } from "@remix-run/react";
import { PriceWithCompare } from "~/components/Money";
import { responsiveImage } from "~/domain/images";

export interface ProductCardData {
  slug: string;
  /** The product page, with the colour the card shows when it was chosen by a filter or search. */
  href: string;
  name: string;
  imageUrl: string;
  imageAlt: string;
  priceCents: number;
  compareAtCents: number | null;
  meta: string;
  soldOut: boolean;
  isLimited: boolean;
  swatches: { name: string; hex: string }[];
}

export function ProductCard({ product, lazy = true }: { product: ProductCardData; lazy?: boolean }) {
  return (
    <article className="product-card">
      <Link to={product.href} prefetch="intent">
        <img
          {...responsiveImage(product.imageUrl, "(max-width: 480px) 50vw, 300px")}
          alt={product.imageAlt}
          width={400}
          height={400}
          loading={lazy ? "lazy" : "eager"}
          decoding="async"
        />
        <div className="card-body">
          {product.soldOut ? (
            <span className="badge sold-out">Sold out</span>
          ) : product.isLimited ? (
            <span className="badge">Limited edition</span>
          ) : null}
          <h3>{product.name}</h3>
          <span className="card-meta">{product.meta}</span>
          <PriceWithCompare cents={product.priceCents} compareAtCents={product.compareAtCents} />
          {product.swatches.length > 1 ? (
            <span className="swatches" aria-label={`${product.swatches.length} colours`}>
              {product.swatches.map((s) => (
                <span key={s.name} className="swatch-dot" style={{ background: s.hex }} title={s.name} />
              ))}
            </span>
          ) : null}
        </div>
      </Link>
    </article>
  );
}
