// Who counts in the upsell figures. One rule for suggestions shown, suggestions
// added and experiment assignments alike: a request from a known bot or crawler
// (by its User-Agent, with isbot's list) counts in none of them, so an add is
// never counted for a visitor whose impressions were skipped.
import { isbot } from "isbot";

export function isCountedVisitor(userAgent: string | null | undefined): boolean {
  return !isbot(userAgent ?? "");
}

export function isCountedRequest(request: Pick<Request, "headers">): boolean {
  return isCountedVisitor(request.headers.get("User-Agent"));
}
