// Page titles for the back office. Every admin page also tells search engines
// to stay away (the pages need a sign-in anyway, but their URLs leak).
import type { MetaDescriptor } from "@remix-run/node";

export const ADMIN_NOINDEX: MetaDescriptor = { name: "robots", content: "noindex" };

export function adminMeta(title: string): MetaDescriptor[] {
  return [{ title: `${title} · Admin · Tote & Charm` }, ADMIN_NOINDEX];
}
