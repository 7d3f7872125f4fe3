import { expect, test } from "vitest";
import { gzipSync } from "node:zlib";
import { firstLoadJs, pageTexts } from "./js-budget.js";

/** a tiny esbuild metafile: entry.client, root and two routes sharing a chunk; zod only behind the account page */
function fixture() {
  const out = (entryPoint: string | undefined, imports: { path: string; kind: string }[], inputs: Record<string, number>) => ({
    entryPoint,
    imports,
    inputs: Object.fromEntries(Object.entries(inputs).map(([name, bytesInOutput]) => [name, { bytesInOutput }])),
  });
  const metafile = {
    outputs: {
      "public/build/entry.client-A.js": out(
        "app/entry.client.tsx",
        [
          { path: "public/build/_shared/react-B.js", kind: "import-statement" },
          { path: "public/build/_shared/de-C.js", kind: "dynamic-import" },
          { path: "public/build/_shared/en-D.js", kind: "dynamic-import" },
        ],
        { "app/entry.client.tsx": 100 },
      ),
      "public/build/_shared/react-B.js": out(undefined, [], { "node_modules/react-dom/cjs/react-dom.production.min.js": 5000, "node_modules/react/index.js": 50 }),
      "public/build/_shared/de-C.js": out(undefined, [], { "app/i18n/de.json": 3000 }),
      "public/build/_shared/en-D.js": out(undefined, [], { "app/i18n/en.json": 2900 }),
      "public/build/root-E.js": out("browser-route-module:root.tsx?browser", [{ path: "public/build/_shared/react-B.js", kind: "import-statement" }], { "app/root.tsx?browser": 300 }),
      "public/build/routes/search-F.js": out(
        "browser-route-module:routes/search.tsx?browser",
        [{ path: "public/build/_shared/shared-G.js", kind: "import-statement" }, { path: "public/build/_shared/lazy-H.js", kind: "dynamic-import" }],
        { "app/routes/search.tsx?browser": 400 },
      ),
      "public/build/_shared/shared-G.js": out(undefined, [], { "app/components/map.tsx": 200 }),
      "public/build/_shared/lazy-H.js": out(undefined, [], { "node_modules/chart/index.js": 9000 }),
      "public/build/routes/account-I.js": out(
        "browser-route-module:routes/account.tsx?browser",
        [{ path: "public/build/_shared/zod-J.js", kind: "import-statement" }],
        { "app/routes/account.tsx?browser": 100 },
      ),
      "public/build/_shared/zod-J.js": out(undefined, [], { "node_modules/zod/v4/classic/schemas.js": 40000, "node_modules/zod/v4/core/core.js": 9000 }),
    },
  };
  const sizes: Record<string, number> = {};
  for (const [name, output] of Object.entries(metafile.outputs)) {
    sizes[name] = Object.values(output.inputs).reduce((sum, input) => sum + input.bytesInOutput, 0);
  }
  sizes["public/build/manifest-K.js"] = 700;
  // deterministic, not very compressible content of the output's size
  const readAsset = (name: string) => Buffer.from(Array.from({ length: sizes[name] }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 89))).join(""));
  return { metafile, readAsset, manifestPath: "public/build/manifest-K.js" };
}

test("first-load JS: entry, root, the route, their static imports, the German texts and the manifest; not lazy chunks", () => {
  const { metafile, readAsset, manifestPath } = fixture();
  const result = firstLoadJs({ metafile, readAsset, manifestPath, route: "routes/search.tsx" });
  expect(result.scripts.map((s: { name: string }) => s.name).sort()).toEqual(
    [
      "public/build/_shared/de-C.js",
      "public/build/_shared/react-B.js",
      "public/build/_shared/shared-G.js",
      "public/build/entry.client-A.js",
      "public/build/manifest-K.js",
      "public/build/root-E.js",
      "public/build/routes/search-F.js",
    ].sort(),
  );
  const expected = result.scripts.reduce((sum: number, s: { name: string }) => sum + gzipSync(readAsset(s.name), { level: 9 }).length, 0);
  expect(result.gzip).toBe(expected);
  expect(result.biggest[0]).toEqual({ name: "npm:react-dom", raw: 5000 });
});

test("a route that imports zod shows it as its biggest module, grouped by package", () => {
  const { metafile, readAsset, manifestPath } = fixture();
  const search = firstLoadJs({ metafile, readAsset, manifestPath, route: "routes/search.tsx" });
  const account = firstLoadJs({ metafile, readAsset, manifestPath, route: "routes/account.tsx" });
  expect(account.biggest[0]).toEqual({ name: "npm:zod", raw: 49000 });
  expect(account.gzip).toBeGreaterThan(search.gzip);
});

test("English pages count the English texts instead", () => {
  const { metafile, readAsset, manifestPath } = fixture();
  const result = firstLoadJs({ metafile, readAsset, manifestPath, route: "routes/search.tsx", locale: "en" });
  const names = result.scripts.map((s: { name: string }) => s.name);
  expect(names).toContain("public/build/_shared/en-D.js");
  expect(names).not.toContain("public/build/_shared/de-C.js");
});

test("an unknown route is an error, not a silent zero", () => {
  const { metafile, readAsset } = fixture();
  expect(() => firstLoadJs({ metafile, readAsset, manifestPath: null, route: "routes/nope.tsx" })).toThrow(/no output/);
});

test("the page's texts: root's namespaces and the route's declaration, every text without one", () => {
  const texts = { app: { name: "M" }, nav: { home: "Start" }, search: { title: "S" }, privacy: { title: "P" }, walkthrough: { map: { show: "K" }, demo: { x: "D" } } };
  const namespacesSource = 'export const ROOT_NAMESPACES = [\n  "app",\n  "nav",\n] as const;';
  const routeSource = 'export const handle: I18nHandle = { i18n: ["search", "walkthrough.map"] };';
  expect(JSON.parse(pageTexts({ namespacesSource, routeSource, texts }))).toEqual({
    app: { name: "M" },
    nav: { home: "Start" },
    search: { title: "S" },
    walkthrough: { map: { show: "K" } },
  });
  expect(JSON.parse(pageTexts({ namespacesSource, routeSource: "export default function Page() {}", texts }))).toEqual(texts);
});
