// The product list's bulk actions: tick products, choose what to do. Pure.
import { z } from "zod";
import { splitTags } from "./product-form";

export const BULK_ACTIONS = ["activate", "draft", "add-tag", "remove-tag"] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BULK_ACTION_LABELS: Record<BulkAction, string> = {
  activate: "Set active (on sale)",
  draft: "Set to draft (hidden)",
  "add-tag": "Add a tag",
  "remove-tag": "Remove a tag",
};

/** Most products changed in one go (a page of the list). */
export const MAX_BULK_PRODUCTS = 500;

export type BulkRequest =
  | { ids: number[]; change: { kind: "status"; status: "active" | "draft" } }
  | { ids: number[]; change: { kind: "add-tag" | "remove-tag"; tag: string } };

const TAG = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The posted form: `ids` once per ticked product, `bulk` the action, `tag` for the tag actions. */
export function parseBulkForm(form: { ids: string[]; bulk: string | null; tag: string | null }):
  | { ok: true; request: BulkRequest }
  | { ok: false; message: string; field: "ids" | "bulk" | "tag" } {
  const action = z.enum(BULK_ACTIONS).safeParse(form.bulk);
  if (!action.success) return { ok: false, message: "Choose what to do with the ticked products.", field: "bulk" };
  if (form.ids.length === 0) return { ok: false, message: "Tick at least one product first.", field: "ids" };
  if (form.ids.length > MAX_BULK_PRODUCTS) return { ok: false, message: `Change at most ${MAX_BULK_PRODUCTS} products at once.`, field: "ids" };
  const ids: number[] = [];
  for (const id of form.ids) {
    if (!/^[1-9]\d{0,8}$/.test(id)) return { ok: false, message: "The ticked products were not understood. Reload the page and try again.", field: "ids" };
    ids.push(Number(id));
  }
  const unique = [...new Set(ids)];
  if (action.data === "activate" || action.data === "draft") {
    return { ok: true, request: { ids: unique, change: { kind: "status", status: action.data === "activate" ? "active" : "draft" } } };
  }
  const tags = splitTags(form.tag ?? "");
  if (tags.length === 0) return { ok: false, message: "Type the tag to add or remove.", field: "tag" };
  if (tags.length > 1) return { ok: false, message: "Type one tag at a time.", field: "tag" };
  if (!TAG.test(tags[0]!)) return { ok: false, message: `"${tags[0]!.slice(0, 40)}" can't be a tag: use lowercase letters, digits and hyphens.`, field: "tag" };
  return { ok: true, request: { ids: unique, change: { kind: action.data, tag: tags[0]! } } };
}
