// The second step of a change that moves money, removes stock or deletes: the
// question saying exactly what will happen, and the same form sent again with
// confirm=yes. Works without JavaScript (a plain POST of hidden fields).
import { useEffect, useRef } from "react";
import { Form, Link } from "@remix-run/react";
import type { ConfirmationRequest } from "~/domain/confirmation";

export function ConfirmStep({ request, action, cancelTo, busy }: { request: ConfirmationRequest; action?: string; cancelTo: string; busy?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // With JavaScript the question appears in place: move focus to it.
  useEffect(() => heading.current?.focus(), [request]);
  return (
    <section className="admin-panel admin-confirm" aria-labelledby="confirm-title" data-testid="confirm-step" data-kind={request.kind}>
      <h2 id="confirm-title" tabIndex={-1} ref={heading}>
        Please confirm
      </h2>
      <p data-testid="confirm-question">
        <strong>{request.question}</strong>
      </p>
      <Form method="post" action={action} className="admin-confirm-actions">
        {Object.entries(request.fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <button type="submit" name="confirm" value="yes" className="button danger" disabled={busy} data-testid="confirm-yes">
          {request.yes}
        </button>{" "}
        <Link to={cancelTo} className="button secondary" data-testid="confirm-cancel">
          No, go back
        </Link>
      </Form>
    </section>
  );
}
