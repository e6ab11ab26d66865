import { NavLink, Link } from "@remix-run/react";
import { SearchBox } from "~/components/SearchBox";
import { CONTENT_PAGES, FREE_RETURNS } from "~/domain/content-pages";

const NAV = [
  { to: "/collections/totes", label: "Totes" },
  { to: "/collections/micro-bags", label: "Micro bags" },
  { to: "/collections/mini-bags", label: "Mini bags" },
  { to: "/collections/kids", label: "Kids" },
  { to: "/collections/all", label: "All bags" },
];

export function SiteHeader({ cartCount }: { cartCount: number }) {
  return (
    <header className="site-header">
      <div className="wrap">
        <Link to="/" className="brand" prefetch="none">
          Tote <span>&amp;</span> Charm
        </Link>
        <nav className="site-nav" aria-label="Shop">
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <SearchBox />
        <Link to="/cart" className="cart-link" prefetch="none">
          Cart
          <span className="cart-count" data-testid="cart-count" aria-label={`${cartCount} item${cartCount === 1 ? "" : "s"} in cart`}>
            {cartCount}
          </span>
        </Link>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="wrap footer-grid">
        <div className="footer-about">
          <p className="footer-brand">
            Tote <span>&amp;</span> Charm
          </p>
          <p>Totes and the micro bags that hang on them, packed by hand in our small studio.</p>
          <p className="footer-promise">{FREE_RETURNS}.</p>
        </div>
        <nav aria-labelledby="footer-shop">
          <h2 id="footer-shop">Browse</h2>
          <ul>
            {NAV.map((item) => (
              <li key={item.to}>
                <Link to={item.to}>{item.label}</Link>
              </li>
            ))}
            <li>
              <Link to="/search">Search</Link>
            </li>
          </ul>
        </nav>
        <nav aria-labelledby="footer-help">
          <h2 id="footer-help">Help</h2>
          <ul>
            {CONTENT_PAGES.map((page) => (
              <li key={page.path}>
                <Link to={page.path}>{page.label}</Link>
              </li>
            ))}
            <li>
              <Link to="/cart">Your cart</Link>
            </li>
          </ul>
        </nav>
      </div>
      <div className="wrap footer-small">
        <p>© Tote &amp; Charm · Prices in US dollars</p>
      </div>
    </footer>
  );
}
