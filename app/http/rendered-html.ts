// The HTML a document response was rendered from, kept beside the Response so
// the server sends the string it already has instead of reading the body back
// through a web stream (measured: ~5 % of a page rendered for a cart, in the
// bench's CPU profile). A Response made anywhere else has no entry and is read
// as usual.
const renderedHtml = new WeakMap<Response, string>();

export function htmlResponse(html: string, init: ResponseInit): Response {
  const response = new Response(html, init);
  renderedHtml.set(response, html);
  return response;
}

/** The HTML of a response made by htmlResponse, if this is one. */
export function renderedHtmlOf(response: Response): string | undefined {
  return renderedHtml.get(response);
}
