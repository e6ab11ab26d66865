import type { LoaderFunctionArgs } from "@remix-run/node";
import { renderSitemap, sitemapEntries } from "~/domain/sitemap";
import { getCatalog } from "~/models/catalog.server";
import { productUpdatedTimes } from "~/models/sitemap.server";
import { siteOrigin } from "~/utils/site-url.server";

// Active products only: the catalog snapshot leaves drafts (and bags without a colour) out.
export function loader({ request }: LoaderFunctionArgs) {
  const xml = renderSitemap(siteOrigin(request), sitemapEntries(getCatalog().products, productUpdatedTimes()));
  return new Response(xml, { headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=600" } });
}
