/** @type {import('@remix-run/dev').AppConfig} */
export default {
  // The HTTP server is compiled together with the app into build/index.js.
  server: "./app/server.ts",
  serverModuleFormat: "esm",
  ignoredRouteFiles: ["**/.*", "**/*.test.*"],
  future: {
    v3_fetcherPersist: true,
    v3_lazyRouteDiscovery: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
  },
};
