// Form pieces shared by the back-office pages: a labelled field with its hint
// and error message wired to the input, and the page's notices.
import type { ReactNode } from "react";

/** aria attributes tying an input to its hint and error. */
export function fieldAria(name: string, error: string | undefined, hasHint = false) {
  const describedBy = [hasHint ? `${name}-hint` : null, error ? `${name}-error` : null].filter(Boolean).join(" ");
  return { "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined };
}

export function AdminField({
  label,
  name,
  error,
  hint,
  children,
  className,
}: {
  label: string;
  /** The input's id and name. */
  name: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={name}>{label}</label>
      {children}
      {hint ? (
        <p className="admin-hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${name}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function AdminNotices({
  notice,
  error,
}: {
  notice?: { kind: "error" | "success" | "info"; message: string } | null;
  error?: string | null;
}) {
  return (
    <>
      {notice ? (
        <p className={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"} data-testid="admin-notice">
          {notice.message}
        </p>
      ) : null}
      {error ? (
        <p className="notice error" role="alert" data-testid="admin-error">
          {error}
        </p>
      ) : null}
    </>
  );
}
