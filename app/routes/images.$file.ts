// /images/<sha256>-<width>.webp: one size of a picture staff uploaded (and
// /images/<sha256>.<ext>, uploads from before pictures were re-encoded). A
// name is written once and never changes, so the response is cached forever.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { IMAGE_TYPES, parseImageFileName } from "~/domain/images";
import { getImage } from "~/models/images.server";

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export function loader({ params }: LoaderFunctionArgs) {
  const name = parseImageFileName(params.file ?? "");
  if (!name) return notFound();
  const image = getImage(name.key);
  // The extension must be the stored type's: one URL per picture.
  if (!image || image.contentType !== IMAGE_TYPES[name.extension]) return notFound();
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.length),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      // Opened on its own, the picture is a document with no rights at all.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
