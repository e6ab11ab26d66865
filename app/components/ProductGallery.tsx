// A product's pictures: one large, thumbnails to choose another. Without
// JavaScript each thumbnail is a link that reloads the page showing its picture
// (?view=); with it, the choice changes in place.
import { useState } from "react";
import type { GalleryPicture } from "~/art/gallery";
import { responsiveImage } from "~/domain/images";

export function ProductGallery({ pictures, selected, hrefFor }: { pictures: GalleryPicture[]; selected: number; hrefFor: (view: string) => string }) {
  const [current, setCurrent] = useState(selected);
  const shown = pictures[current] ?? pictures[0]!;
  return (
    <div className="product-gallery">
      <div className="product-image">
        <img
          key={shown.url}
          {...responsiveImage(shown.url, "(max-width: 860px) 100vw, 620px")}
          alt={shown.alt}
          width={600}
          height={600}
          fetchPriority={current === 0 ? "high" : undefined}
          data-view={shown.view}
        />
      </div>
      {pictures.length > 1 ? (
        <ul className="gallery-thumbs" aria-label="More pictures">
          {pictures.map((p, i) => (
            <li key={`${i}-${p.url}`}>
              <a
                href={hrefFor(p.view === "photo" && i > 0 ? `photo-${i}` : p.view)}
                aria-current={i === current ? "true" : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  setCurrent(i);
                }}
              >
                <img src={p.url.startsWith("/images/") ? responsiveImage(p.url, "96px").src : p.url} alt="" width={96} height={96} loading="lazy" decoding="async" />
                <span>{p.label}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
