import { Form, useFetcher, useNavigate } from "@remix-run/react";
import { useState } from "react";
import type { SearchSuggestion } from "~/routes/search_.suggest";

const MAX_QUERY_LENGTH = 100;

/**
 * The header's search: a plain GET form to /search; with JavaScript it also
 * suggests bags as you type (a combobox: arrows move, Enter opens, Escape closes).
 */
export function SearchBox() {
  const fetcher = useFetcher<{ suggestions: SearchSuggestion[] }>();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = open ? (fetcher.data?.suggestions ?? []) : [];
  const shown = suggestions.length > 0;

  const go = (s: SearchSuggestion) => {
    setOpen(false);
    navigate(s.href);
  };

  return (
    <Form method="get" action="/search" role="search" aria-label="Search the shop" className="site-search">
      <label htmlFor="site-search-q" className="visually-hidden">
        Search bags
      </label>
      <input
        id="site-search-q"
        type="search"
        name="q"
        maxLength={MAX_QUERY_LENGTH}
        placeholder="Search bags"
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls="site-search-list"
        aria-activedescendant={shown && active >= 0 ? `site-search-option-${active}` : undefined}
        onChange={(event) => {
          const q = event.currentTarget.value.trim();
          setActive(-1);
          setOpen(q.length >= 2);
          if (q.length >= 2) fetcher.load(`/search/suggest?q=${encodeURIComponent(q)}`);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") setOpen(false);
          if (!shown) return;
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            const step = event.key === "ArrowDown" ? 1 : -1;
            // -1 is the box itself: the list wraps through it.
            setActive((i) => {
              const next = i + step;
              return next >= suggestions.length ? -1 : next < -1 ? suggestions.length - 1 : next;
            });
          } else if (event.key === "Enter" && active >= 0 && suggestions[active]) {
            event.preventDefault();
            go(suggestions[active]!);
          }
        }}
        onBlur={() => setOpen(false)}
        onFocus={(event) => setOpen(event.currentTarget.value.trim().length >= 2)}
      />
      <button type="submit" className="site-search-button">
        Search
      </button>
      <ul id="site-search-list" role="listbox" aria-label="Suggested bags" className="search-suggestions" hidden={!shown}>
        {suggestions.map((s, i) => (
          // The keyboard drives the list from the search box (aria-activedescendant), as a combobox should.
          // eslint-disable-next-line jsx-a11y/click-events-have-key-events
          <li
            key={s.href}
            id={`site-search-option-${i}`}
            role="option"
            aria-selected={i === active}
            // Keep focus in the box, so the click lands before the list closes on blur.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => go(s)}
          >
            <span className="suggestion-name">{s.name}</span>
            <span className="card-meta">{s.meta}</span>
          </li>
        ))}
      </ul>
      <span className="visually-hidden" role="status">
        {shown ? `${suggestions.length} suggestion${suggestions.length === 1 ? "" : "s"}` : ""}
      </span>
    </Form>
  );
}
