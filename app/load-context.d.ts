import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    /** A fresh random value per request, allowed by the page's Content-Security-Policy. */
    nonce: string;
    /** The connecting peer's IP address (for sign-in rate limits). */
    clientAddress: string;
  }
}
