import { formatCents } from "~/domain/money";

/** Every price in the shop goes through here. */
export function Money({ cents, className }: { cents: number; className?: string }) {
  return <span className={className ? `money ${className}` : "money"}>{formatCents(cents)}</span>;
}

/** A price with its struck-through regular price when it is lower. */
export function PriceWithCompare({
  cents,
  compareAtCents,
  label = "Was",
}: {
  cents: number;
  compareAtCents: number | null | undefined;
  label?: string;
}) {
  if (!compareAtCents || compareAtCents <= cents) return <Money cents={cents} />;
  return (
    <span className="price-compare">
      <Money cents={cents} className="price-now" />{" "}
      <s className="price-was">
        <span className="visually-hidden">{label} </span>
        <Money cents={compareAtCents} />
      </s>
    </span>
  );
}
