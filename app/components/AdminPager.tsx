import { Link } from "@remix-run/react";

/** Newer/older links for a back-office list shown newest first. */
export function AdminPager({
  label,
  page,
  pages,
  total,
  hrefFor,
}: {
  label: string;
  page: number;
  pages: number;
  total: number;
  hrefFor: (page: number) => string;
}) {
  return (
    <nav className="admin-pager" aria-label={label}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages} · {total} {total === 1 ? "entry" : "entries"}
      </span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
