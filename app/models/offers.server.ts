// Reads of bundle offers, cached per catalog version (offer edits bump it).
import { offerFromRow, type BundleOffer } from "~/domain/bundle-offers";
import { db } from "~/utils/db.server";
import { bundleOffers } from "../../db/schema";
import { currentCatalogVersion } from "./catalog.server";

const allOffersQuery = db.select().from(bundleOffers).orderBy(bundleOffers.id).prepare();

let cache: { version: number; offers: BundleOffer[] } | null = null;

/** Every offer, switched on or not; pricing decides which are active at a time. */
export function getOffers(): BundleOffer[] {
  const version = currentCatalogVersion();
  if (cache && cache.version === version) return cache.offers;
  cache = { version, offers: allOffersQuery.all().map(offerFromRow) };
  return cache.offers;
}
