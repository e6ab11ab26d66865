import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** A fresh random value per request, allowed by the page's Content-Security-Policy. */
    nonce: string;
    /** The connecting peer's IP address (for sign-in rate limits). */
    clientAddress: string;
    /** Set when the page is rendered for the page cache: what its HTML depends on (services/page-cache.server.ts). */
    pageCache?: import("~/services/page-cache.server").PageDependencies;
    /** A multipart body, parsed once by the server (server.ts) when it checked it; read it with utils/multipart.server.ts. */
    multipartForm?: FormData;
  }
}
