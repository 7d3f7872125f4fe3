import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { modulePreloadHrefs } from "~/components/module-preloads";

const manifest = {
  entry: { module: "/build/entry.client-A.js", imports: ["/build/_shared/react-B.js", "/build/_shared/remix-C.js"] },
  routes: {
    root: { module: "/build/root-D.js", imports: ["/build/_shared/react-B.js", "/build/_shared/i18n-E.js"] },
    "routes/opportunities._index": { module: "/build/routes/opportunities._index-F.js", imports: ["/build/_shared/map-G.js"] },
  },
};

test("the first document's scripts, each once: entry, its imports, then each matched route's imports and module", () => {
  expect(modulePreloadHrefs(manifest, ["root", "routes/opportunities._index"])).toEqual([
    "/build/entry.client-A.js",
    "/build/_shared/react-B.js",
    "/build/_shared/remix-C.js",
    "/build/_shared/i18n-E.js",
    "/build/root-D.js",
    "/build/_shared/map-G.js",
    "/build/routes/opportunities._index-F.js",
  ]);
});

test("a route the manifest does not know (lazy route discovery) adds nothing", () => {
  expect(modulePreloadHrefs(manifest, ["root", "routes/unknown"])).toHaveLength(5);
});

test("the attribute reaches the HTML as fetchpriority=\"low\"", () => {
  expect(renderToStaticMarkup(<link rel="modulepreload" href="/x.js" {...{ fetchpriority: "low" }} />)).toBe(
    '<link rel="modulepreload" href="/x.js" fetchpriority="low"/>',
  );
});
