// Form pieces for the stock and catalog pages of the back office: a labelled
// field with its hint and error, and the notice banner.
import { DEFAULT_SHOP_TIMEZONE, formatShopMinute } from "~/domain/shop-time";

export function invalid(id: string, error: string | undefined, hasHint = false) {
  const describedBy = [hasHint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}

export function Field({
  label,
  id,
  error,
  hint,
  className,
  children,
}: {
  label: string;
  id: string;
  error?: string;
  hint?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint ? (
        <p className="admin-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Notice({ notice }: { notice: { kind: "error" | "success" | "info"; message: string } | null }) {
  if (!notice) return null;
  return (
    <p className={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
      {notice.message}
    </p>
  );
}

/** "2026-09-01 14:05 UTC", in the shop's time zone (SHOP_TIMEZONE, passed in by the loader). */
export function formatAdminTime(ms: number, timeZone: string = DEFAULT_SHOP_TIMEZONE): string {
  return formatShopMinute(ms, timeZone);
}
