// Canonical link and sharing tags as Remix meta descriptors. The origin comes
// from the root loader (PUBLIC_URL, else the request's origin).
import type { MetaDescriptor } from "@remix-run/node";

type Matches = readonly { id: string; data: unknown }[];

export function originFrom(matches: Matches): string {
  const root = matches.find((m) => m.id === "root")?.data as { origin?: string } | undefined;
  return root?.origin ?? "";
}

export function canonical(matches: Matches, path: string): MetaDescriptor {
  return { tagName: "link", rel: "canonical", href: originFrom(matches) + path };
}

/** Open Graph and Twitter card tags; `image` is a path on this shop. */
export function shareTags(matches: Matches, t: { title: string; description: string; path: string; image?: string | null }): MetaDescriptor[] {
  const origin = originFrom(matches);
  const tags: MetaDescriptor[] = [
    { property: "og:type", content: "website" },
    { property: "og:site_name", content: "Tote & Charm" },
    { property: "og:title", content: t.title },
    { property: "og:description", content: t.description },
    { property: "og:url", content: origin + t.path },
    { name: "twitter:card", content: t.image ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: t.title },
    { name: "twitter:description", content: t.description },
  ];
  if (t.image) {
    tags.push({ property: "og:image", content: origin + t.image }, { name: "twitter:image", content: origin + t.image });
  }
  return tags;
}
