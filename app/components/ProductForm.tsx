// The back office's product and colour (variant) fields. Plain form fields, so
// they work without JavaScript; values and errors come from the action when a
// form is sent back with mistakes.
import { ART_STYLES } from "~/art/bags";
import { ATTACHMENT_LABELS, HARDWARE_LABELS, KIND_LABELS } from "~/domain/catalog";
import {
  ATTACHMENT_OPTIONS,
  HARDWARE_OPTIONS,
  MAX_MICRO_CM,
  OCCASION_OPTIONS,
  PRODUCT_KIND_OPTIONS,
  PRODUCT_STATUS_OPTIONS,
  STATUS_LABELS,
} from "~/domain/product-form";
import { Field, invalid } from "./CatalogFields";

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
        <Field label="Name" id="name" error={errors.name} className="wide">
          <input id="name" name="name" required maxLength={120} defaultValue={v("name")} {...invalid("name", errors.name)} />
        </Field>
        <Field label="Web address name (slug)" id="slug" error={errors.slug} hint="Left empty on a new product, it is made from the name.">
          <input
            id="slug"
            name="slug"
            maxLength={80}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            autoComplete="off"
            spellCheck={false}
            defaultValue={v("slug")}
            {...invalid("slug", errors.slug, true)}
          />
        </Field>
        <Field label="Status" id="status" error={errors.status}>
          <select id="status" name="status" defaultValue={v("status") || "draft"} {...invalid("status", errors.status)}>
            {PRODUCT_STATUS_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Kind of bag" id="kind" error={errors.kind}>
          <select id="kind" name="kind" required defaultValue={v("kind")} {...invalid("kind", errors.kind)}>
            <option value="">Choose…</option>
            {PRODUCT_KIND_OPTIONS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Illustration" id="artStyle" error={errors.artStyle} hint="Used as the picture until a photo is uploaded; it must draw the same kind of bag.">
          <select id="artStyle" name="artStyle" required defaultValue={v("artStyle")} {...invalid("artStyle", errors.artStyle, true)}>
            <option value="">Choose…</option>
            {PRODUCT_KIND_OPTIONS.map((k) => (
              <optgroup key={k} label={KIND_LABELS[k]}>
                {ART_STYLES.filter((s) => s.kind === k).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        <Field label="Material" id="material" error={errors.material}>
          <input id="material" name="material" required maxLength={80} defaultValue={v("material")} {...invalid("material", errors.material)} />
        </Field>
        <Field label="Description" id="description" error={errors.description} className="wide">
          <textarea id="description" name="description" rows={4} maxLength={2000} defaultValue={v("description")} {...invalid("description", errors.description)} />
        </Field>
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
            <Field key={name} label={label} id={name} error={errors[name]}>
              <input
                id={name}
                name={name}
                inputMode="decimal"
                required
                pattern="\d{1,3}(\.\d{1,2})?"
                defaultValue={v(name)}
                {...invalid(name, errors[name])}
              />
            </Field>
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
        <Field label="Tags" id="tags" error={errors.tags} hint="Comma-separated, like charm, metallic.">
          <input id="tags" name="tags" maxLength={500} autoComplete="off" defaultValue={v("tags")} {...invalid("tags", errors.tags, true)} />
        </Field>
      </fieldset>

      <fieldset>
        <legend>Fit</legend>
        <p className="admin-hint">Micro bags say how they clip on; totes say what they offer to hang one on.</p>
        <div className="admin-form-grid">
          <Field label="Micro bag attachment" id="attachment" error={errors.attachment}>
            <select id="attachment" name="attachment" defaultValue={v("attachment")} {...invalid("attachment", errors.attachment)}>
              <option value="">None (not a micro bag)</option>
              {ATTACHMENT_OPTIONS.map((a) => (
                <option key={a} value={a}>
                  {ATTACHMENT_LABELS[a]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Handle width (cm)" id="handleWidthCm" error={errors.handleWidthCm} hint="Totes: how wide the handle is, for clip-on charms.">
            <input
              id="handleWidthCm"
              name="handleWidthCm"
              inputMode="decimal"
              pattern="\d{1,3}(\.\d{1,2})?"
              defaultValue={v("handleWidthCm")}
              {...invalid("handleWidthCm", errors.handleWidthCm, true)}
            />
          </Field>
          <Field label="Featured rank" id="featuredRank" error={errors.featuredRank} hint="Lower comes first in the featured sort.">
            <input
              id="featuredRank"
              name="featuredRank"
              inputMode="numeric"
              pattern="\d{1,6}"
              defaultValue={v("featuredRank")}
              {...invalid("featuredRank", errors.featuredRank, true)}
            />
          </Field>
        </div>
        <label className="admin-check">
          <input type="checkbox" name="hasStrapRing" defaultChecked={ticked("hasStrapRing")} {...invalid("hasStrapRing", errors.hasStrapRing)} />
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
      <Field label="SKU" id={id("sku")} error={errors.sku}>
        <input
          id={id("sku")}
          name="sku"
          required
          maxLength={64}
          autoComplete="off"
          spellCheck={false}
          defaultValue={v("sku")}
          {...invalid(id("sku"), errors.sku)}
        />
      </Field>
      <Field label="Colour name" id={id("colourName")} error={errors.colourName}>
        <input id={id("colourName")} name="colourName" required maxLength={40} defaultValue={v("colourName")} {...invalid(id("colourName"), errors.colourName)} />
      </Field>
      <Field label="Colour" id={id("colourHex")} error={errors.colourHex}>
        <input
          id={id("colourHex")}
          name="colourHex"
          type="color"
          required
          defaultValue={/^#[0-9a-f]{6}$/i.test(v("colourHex")) ? v("colourHex").toLowerCase() : "#000000"}
          {...invalid(id("colourHex"), errors.colourHex)}
        />
      </Field>
      <Field label="Hardware" id={id("hardware")} error={errors.hardware}>
        <select id={id("hardware")} name="hardware" required defaultValue={v("hardware") || "gold"} {...invalid(id("hardware"), errors.hardware)}>
          {HARDWARE_OPTIONS.map((h) => (
            <option key={h} value={h}>
              {HARDWARE_LABELS[h]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Price ($)" id={id("price")} error={errors.price} hint="Dollars and cents, like 45 or 45.00.">
        <input
          id={id("price")}
          name="price"
          required
          inputMode="decimal"
          autoComplete="off"
          defaultValue={v("price")}
          {...invalid(id("price"), errors.price, true)}
        />
      </Field>
      <Field label="Compare-at price ($)" id={id("compareAt")} error={errors.compareAt} hint="Optional: the regular price, shown struck through.">
        <input
          id={id("compareAt")}
          name="compareAt"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={v("compareAt")}
          {...invalid(id("compareAt"), errors.compareAt, true)}
        />
      </Field>
      <Field label="Position" id={id("position")} error={errors.position} hint="Lower comes first.">
        <input
          id={id("position")}
          name="position"
          inputMode="numeric"
          pattern="\d{1,4}"
          defaultValue={v("position")}
          {...invalid(id("position"), errors.position, true)}
        />
      </Field>
    </div>
  );
}
