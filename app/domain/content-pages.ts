// The shop's information pages: one list for the footer, the sitemap and the pages themselves.
export interface ContentPage {
  path: string;
  title: string;
  /** The footer's shorter name. */
  label: string;
  description: string;
}

export const CONTENT_PAGES: ContentPage[] = [
  {
    path: "/shipping-returns",
    title: "Shipping and returns",
    label: "Shipping & returns",
    description: "How we ship your bags, what it costs, how long it takes, and free returns within 30 days.",
  },
  {
    path: "/faq",
    title: "Questions, answered",
    label: "FAQ",
    description: "Sizes, charms and clasps, caring for leather and canvas, orders and payment.",
  },
  {
    path: "/about",
    title: "About Tote & Charm",
    label: "About us",
    description: "A small bag shop: everyday totes and the micro bags that clip onto them.",
  },
  {
    path: "/contact",
    title: "Contact us",
    label: "Contact",
    description: "Write to us about an order, a bag or a return. A person answers, usually within a working day.",
  },
];

export function contentPage(path: string): ContentPage {
  const page = CONTENT_PAGES.find((p) => p.path === path);
  if (!page) throw new Error(`No content page at ${path}`);
  return page;
}

/** The return window stated wherever returns are mentioned. */
export const RETURN_DAYS = 30;
export const FREE_RETURNS = `Free returns within ${RETURN_DAYS} days`;
