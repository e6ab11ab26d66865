// sitemap.xml: the pages a search engine should know, with when they last changed. Pure.
import { COLLECTIONS } from "./collections";
import { CONTENT_PAGES } from "./content-pages";
import type { CatalogProduct } from "./catalog";

export interface SitemapEntry {
  path: string;
  /** Epoch milliseconds, or null when unknown. */
  updatedAt: number | null;
}

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** Home, every collection with products, every active product, and the information pages. */
export function sitemapEntries(products: CatalogProduct[], updatedAtById: Map<number, number>): SitemapEntry[] {
  const latest = (list: CatalogProduct[]) => {
    const times = list.map((p) => updatedAtById.get(p.id) ?? p.createdAt);
    return times.length > 0 ? Math.max(...times) : null;
  };
  const entries: SitemapEntry[] = [{ path: "/", updatedAt: latest(products) }];
  for (const c of COLLECTIONS) {
    const inCollection = products.filter(c.includes);
    if (inCollection.length > 0) entries.push({ path: `/collections/${c.handle}`, updatedAt: latest(inCollection) });
  }
  for (const p of products) entries.push({ path: `/products/${p.slug}`, updatedAt: updatedAtById.get(p.id) ?? p.createdAt });
  for (const page of CONTENT_PAGES) entries.push({ path: page.path, updatedAt: null });
  return entries;
}

export function renderSitemap(origin: string, entries: SitemapEntry[]): string {
  const urls = entries.map((e) => {
    const lastmod = e.updatedAt !== null ? `<lastmod>${new Date(e.updatedAt).toISOString()}</lastmod>` : "";
    return `<url><loc>${escapeXml(origin + e.path)}</loc>${lastmod}</url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}
