// The back office's product and colour (variant) fields. Plain form fields, so
// they work without JavaScript; values and errors come from the action when a
// form is sent back with mistakes.
import { ART_STYLES } from "~/art/bags";
import { ATTACHMENT_LABELS, HARDWARE_LABELS, KIND_LABELS, PRODUCT_KINDS } from "~/domain/catalog";
import {
  ATTACHMENT_OPTIONS,
  HARDWARE_OPTIONS,
  MAX_MICRO_CM,
  OCCASION_OPTIONS,
  PRODUCT_STATUS_OPTIONS,
  STATUS_LABELS,
} from "~/domain/product-form";
import { AdminField, fieldAria } from "./AdminField";

type Values = Record<string, string>;
type Errors = Record<string, string>;

const OCCASION_LABELS: Record<(typeof OCCASION_OPTIONS)[number], string> = {
  casual: "Casual",
  business: "Business",
  evening: "Evening",
};

/** Every product field; `prefix` keeps ids unique when two forms share a page. */
export function ProductFields({ values, errors, sizeClass }: { values: Values; errors: Errors; sizeClass?: string | null }) {
  const v = (name: string) => values[name] ?? "";
  const ticked = (name: string) => (values[name] ?? "") !== "";
  return (
    <>
      <div className="admin-form-grid">
        <AdminField label="Name" name="name" error={errors.name} className="wide">
          <input id="name" name="name" required maxLength={120} defaultValue={v("name")} {...fieldAria("name", errors.name)} />
        </AdminField>
        <AdminField label="Web address name (slug)" name="slug" error={errors.slug} hint="Left empty on a new product, it is made from the name.">
          <input
            id="slug"
            name="slug"
            maxLength={80}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            autoComplete="off"
            spellCheck={false}
            defaultValue={v("slug")}
            {...fieldAria("slug", errors.slug, true)}
          />
        </AdminField>
        <AdminField label="Status" name="status" error={errors.status}>
          <select id="status" name="status" defaultValue={v("status") || "draft"} {...fieldAria("status", errors.status)}>
            {PRODUCT_STATUS_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </AdminField>
        <AdminField label="Kind of bag" name="kind" error={errors.kind}>
          <select id="kind" name="kind" required defaultValue={v("kind")} {...fieldAria("kind", errors.kind)}>
            <option value="">Choose…</option>
            {PRODUCT_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </AdminField>
        <AdminField label="Illustration" name="artStyle" error={errors.artStyle} hint="Used as the picture until a photo is uploaded; it must draw the same kind of bag.">
          <select id="artStyle" name="artStyle" required defaultValue={v("artStyle")} {...fieldAria("artStyle", errors.artStyle, true)}>
            <option value="">Choose…</option>
            {PRODUCT_KINDS.map((k) => (
              <optgroup key={k} label={KIND_LABELS[k]}>
                {ART_STYLES.filter((s) => s.kind === k).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </AdminField>
        <AdminField label="Material" name="material" error={errors.material}>
          <input id="material" name="material" required maxLength={80} defaultValue={v("material")} {...fieldAria("material", errors.material)} />
        </AdminField>
        <AdminField label="Description" name="description" error={errors.description} className="wide">
          <textarea id="description" name="description" rows={4} maxLength={2000} defaultValue={v("description")} {...fieldAria("description", errors.description)} />
        </AdminField>
      </div>

      <fieldset>
        <legend>Size (cm)</legend>
        <p className="admin-hint" id="size-hint">
          The size class follows from the longest side: micro up to 10 cm, mini up to 20, standard up to 35, oversized beyond.
          {sizeClass ? ` Now: ${sizeClass}.` : ""} Micro bags measure at most {MAX_MICRO_CM} cm.
        </p>
        <div className="admin-form-grid">
          {(
            [
              ["widthCm", "Width"],
              ["heightCm", "Height"],
              ["depthCm", "Depth"],
            ] as const
          ).map(([name, label]) => (
            <AdminField key={name} label={label} name={name} error={errors[name]}>
              <input
                id={name}
                name={name}
                inputMode="decimal"
                required
                pattern="\d{1,3}(\.\d{1,2})?"
                defaultValue={v(name)}
                {...fieldAria(name, errors[name])}
              />
            </AdminField>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>Occasions and tags</legend>
        <div className="admin-row-forms">
          {OCCASION_OPTIONS.map((o) => (
            <label key={o} className="admin-check">
              <input type="checkbox" name={`occasion_${o}`} defaultChecked={ticked(`occasion_${o}`)} />
              {OCCASION_LABELS[o]}
            </label>
          ))}
          <label className="admin-check">
            <input type="checkbox" name="isKids" defaultChecked={ticked("isKids")} />
            For kids
          </label>
          <label className="admin-check">
            <input type="checkbox" name="isLimited" defaultChecked={ticked("isLimited")} />
            Limited edition
          </label>
        </div>
        <AdminField label="Tags" name="tags" error={errors.tags} hint="Comma-separated, like charm, metallic.">
          <input id="tags" name="tags" maxLength={500} autoComplete="off" defaultValue={v("tags")} {...fieldAria("tags", errors.tags, true)} />
        </AdminField>
      </fieldset>

      <fieldset>
        <legend>Fit</legend>
        <p className="admin-hint">Micro bags say how they clip on; totes say what they offer to hang one on.</p>
        <div className="admin-form-grid">
          <AdminField label="Micro bag attachment" name="attachment" error={errors.attachment}>
            <select id="attachment" name="attachment" defaultValue={v("attachment")} {...fieldAria("attachment", errors.attachment)}>
              <option value="">None (not a micro bag)</option>
              {ATTACHMENT_OPTIONS.map((a) => (
                <option key={a} value={a}>
                  {ATTACHMENT_LABELS[a]}
                </option>
              ))}
            </select>
          </AdminField>
          <AdminField label="Handle width (cm)" name="handleWidthCm" error={errors.handleWidthCm} hint="Totes: how wide the handle is, for clip-on charms.">
            <input
              id="handleWidthCm"
              name="handleWidthCm"
              inputMode="decimal"
              pattern="\d{1,3}(\.\d{1,2})?"
              defaultValue={v("handleWidthCm")}
              {...fieldAria("handleWidthCm", errors.handleWidthCm, true)}
            />
          </AdminField>
          <AdminField label="Featured rank" name="featuredRank" error={errors.featuredRank} hint="Lower comes first in the featured sort.">
            <input
              id="featuredRank"
              name="featuredRank"
              inputMode="numeric"
              pattern="\d{1,6}"
              defaultValue={v("featuredRank")}
              {...fieldAria("featuredRank", errors.featuredRank, true)}
            />
          </AdminField>
        </div>
        <label className="admin-check">
          <input type="checkbox" name="hasStrapRing" defaultChecked={ticked("hasStrapRing")} {...fieldAria("hasStrapRing", errors.hasStrapRing)} />
          Has a strap ring (a charm can hang from it)
        </label>
        {errors.hasStrapRing ? (
          <p className="field-error" id="hasStrapRing-error">
            {errors.hasStrapRing}
          </p>
        ) : null}
      </fieldset>
    </>
  );
}

/** A colour's fields. `idPrefix` keeps ids unique: one form per colour on the page. */
export function VariantFields({ idPrefix, values, errors }: { idPrefix: string; values: Values; errors: Errors }) {
  const v = (name: string) => values[name] ?? "";
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <div className="admin-form-grid">
      <AdminField label="SKU" name={id("sku")} error={errors.sku}>
        <input
          id={id("sku")}
          name="sku"
          required
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          defaultValue={v("sku")}
          {...fieldAria(id("sku"), errors.sku)}
        />
      </AdminField>
      <AdminField label="Colour name" name={id("colourName")} error={errors.colourName}>
        <input id={id("colourName")} name="colourName" required maxLength={40} defaultValue={v("colourName")} {...fieldAria(id("colourName"), errors.colourName)} />
      </AdminField>
      <AdminField label="Colour" name={id("colourHex")} error={errors.colourHex}>
        <input
          id={id("colourHex")}
          name="colourHex"
          type="color"
          required
          defaultValue={/^#[0-9a-f]{6}$/i.test(v("colourHex")) ? v("colourHex").toLowerCase() : "#000000"}
          {...fieldAria(id("colourHex"), errors.colourHex)}
        />
      </AdminField>
      <AdminField label="Hardware" name={id("hardware")} error={errors.hardware}>
        <select id={id("hardware")} name="hardware" required defaultValue={v("hardware") || "gold"} {...fieldAria(id("hardware"), errors.hardware)}>
          {HARDWARE_OPTIONS.map((h) => (
            <option key={h} value={h}>
              {HARDWARE_LABELS[h]}
            </option>
          ))}
        </select>
      </AdminField>
      <AdminField label="Price ($)" name={id("price")} error={errors.price} hint="Dollars and cents, like 45 or 45.00.">
        <input
          id={id("price")}
          name="price"
          required
          inputMode="decimal"
          autoComplete="off"
          defaultValue={v("price")}
          {...fieldAria(id("price"), errors.price, true)}
        />
      </AdminField>
      <AdminField label="Compare-at price ($)" name={id("compareAt")} error={errors.compareAt} hint="Optional: the regular price, shown struck through.">
        <input
          id={id("compareAt")}
          name="compareAt"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={v("compareAt")}
          {...fieldAria(id("compareAt"), errors.compareAt, true)}
        />
      </AdminField>
      <AdminField label="Position" name={id("position")} error={errors.position} hint="Lower comes first.">
        <input
          id={id("position")}
          name="position"
          inputMode="numeric"
          pattern="\d{1,4}"
          defaultValue={v("position")}
          {...fieldAria(id("position"), errors.position, true)}
        />
      </AdminField>
    </div>
  );
}
