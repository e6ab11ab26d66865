// What an import page says when a file is refused: the summary and every
// problem by line (shared by the stock count and product imports).
import type { LineProblem } from "~/domain/csv";

export function ImportProblems({ failed }: { failed: { message: string; problems: LineProblem[]; moreProblems: number } | null }) {
  if (!failed) return null;
  return (
    <div className="notice error" role="alert" data-testid="import-error">
      <p>{failed.message}</p>
      {failed.problems.length > 0 ? (
        <ul className="admin-problems" data-testid="import-problems">
          {failed.problems.map((p, i) => (
            <li key={i} data-line={p.line}>
              {p.message}
            </li>
          ))}
          {failed.moreProblems > 0 ? <li>…and {failed.moreProblems} more.</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/** "Nothing was changed: 3 problems in the file. …" */
export function problemMessage(problems: readonly LineProblem[]): string {
  return `Nothing was changed: ${problems.length} ${problems.length === 1 ? "problem" : "problems"} in the file. Fix ${problems.length === 1 ? "it" : "them"} and upload it again.`;
}
