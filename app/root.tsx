import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { SiteFooter, SiteHeader } from "~/components/Layout";
import { useNonce } from "~/components/nonce";
import { cartItemCount } from "~/domain/cart";
import { shopperCart } from "~/services/cart.server";
import { siteOrigin } from "~/utils/site-url.server";
import fonts from "~/styles/fonts.css";
import styles from "~/styles/shop.css";

const ZOD_WITHOUT_EVAL = "globalThis.__zod_globalConfig=Object.assign(globalThis.__zod_globalConfig||{},{jitless:true})";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: fonts },
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { lines } = await shopperCart(request, context);
  // For canonical links and sharing tags in every route's meta.
  return { cartCount: cartItemCount(lines), origin: siteOrigin(request) };
}

function Document({ children, title }: { children: React.ReactNode; title?: string }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#faf7f2" />
        {/* Zod probes for eval (new Function) when it builds a schema; the CSP forbids eval
            and the browser reports the probe as a violation. Zod reads this global config
            before any app module runs (the module scripts come later). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_WITHOUT_EVAL }} />
        {title ? <title>{title}</title> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root");
  // Lets browser tests (and curious people) tell when JavaScript has taken over.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  // The back office has its own header (app/routes/admin.tsx): no shop nav or cart there.
  const isAdmin = /^\/admin(\/|$)/.test(useLocation().pathname);
  return (
    <Document>
      {isAdmin ? null : <SiteHeader cartCount={data?.cartCount ?? 0} />}
      <main id="main">
        <Outlet />
      </main>
      {isAdmin ? null : <SiteFooter />}
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = notFound ? "We couldn't find that page" : "Something went wrong";
  return (
    <Document title={`${title} · Tote & Charm`}>
      <SiteHeader cartCount={data?.cartCount ?? 0} />
      <main id="main">
        <div className="error-page">
          <p className="code">{status}</p>
          <h1>{title}</h1>
          <p>
            {notFound
              ? "The bag or page you were looking for isn't here. It may have sold out or moved."
              : "Sorry, something on our side didn't work. Please try again in a moment."}
          </p>
          <p>
            <a className="button" href="/collections/all">
              Browse all bags
            </a>
          </p>
        </div>
      </main>
      <SiteFooter />
    </Document>
  );
}
