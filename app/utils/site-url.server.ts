import { env } from "~/utils/env.server";

/** The shop's public origin for absolute links (canonical, sitemap, sharing): PUBLIC_URL, else this request's origin. */
export function siteOrigin(request: Request): string {
  return env().publicUrl ?? new URL(request.url).origin;
}
