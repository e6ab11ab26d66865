import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { formatCents } from "~/domain/money";
import { productCard } from "~/domain/product-view";
import { suggestCatalog } from "~/services/search.server";

export interface SearchSuggestion {
  name: string;
  href: string;
  meta: string;
}

// As-you-type suggestions for the header's search box (JSON; the box works as a plain form without it).
export function loader({ request }: LoaderFunctionArgs) {
  const hits = suggestCatalog(new URL(request.url).searchParams.get("q") ?? "");
  const suggestions: SearchSuggestion[] = hits.map((h) => {
    const card = productCard(h.product, h.colour ? [h.colour] : []);
    return { name: card.name, href: card.href, meta: `${card.meta} · ${formatCents(card.priceCents)}` };
  });
  return json({ suggestions }, { headers: { "Cache-Control": "private, max-age=60" } });
}
