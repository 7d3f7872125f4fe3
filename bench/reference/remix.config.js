// The framework's floor for `npm run bench`: a minimal Remix 2.17 app (classic compiler, like Mitenand) built
// and served with the project's own node_modules. Build: `npx remix build` in this folder (bench/run.js does).
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
