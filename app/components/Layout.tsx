import { NavLink, Link } from "@remix-run/react";

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
      <div className="wrap">
        <p>
          Tote &amp; Charm · Totes and the micro bags that hang on them.
          <br />
          Free returns within 30 days.
        </p>
        <nav aria-label="Footer">
          <Link to="/collections/all">All bags</Link> · <Link to="/cart">Cart</Link>
        </nav>
      </div>
    </footer>
  );
}
