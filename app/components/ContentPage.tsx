import { Link } from "@remix-run/react";
import type { ContentPage } from "~/domain/content-pages";

/** The frame of an information page: breadcrumb, title, lead and a readable column. */
export function ContentPageFrame({ page, children }: { page: ContentPage; children: React.ReactNode }) {
  return (
    <div className="wrap">
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          <li aria-current="page">{page.title}</li>
        </ol>
      </nav>
      <article className="content-page">
        <h1>{page.title}</h1>
        <p className="lead">{page.description}</p>
        {children}
      </article>
    </div>
  );
}
