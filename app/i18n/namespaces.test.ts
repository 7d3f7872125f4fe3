import { expect, test } from "vitest";
import { collectNamespaces, layoutNamespaces, missingNamespaces, parseTextsFile, ROOT_NAMESPACES, textsUrl } from "./namespaces";

test("a page's namespaces: root's plus each route's declaration, sorted, sub-trees folded into their section", () => {
  const namespaces = collectNamespaces([
    { id: "root" },
    { id: "routes/opportunities._index", handle: { i18n: ["search", "map", "walkthrough.map", "walkthrough"] } },
  ]);
  expect(namespaces).not.toBe("all");
  const list = namespaces as string[];
  expect(list).toEqual([...list].sort());
  expect(list).toContain("search");
  expect(list).toContain("walkthrough");
  // walkthrough.* of root and the route are inside "walkthrough"
  expect(list.filter((n) => n.startsWith("walkthrough"))).toEqual(["walkthrough"]);
  for (const namespace of ROOT_NAMESPACES.filter((n) => !n.startsWith("walkthrough."))) expect(list).toContain(namespace);
});

test("a matched route without a declaration gets every text; root alone needs no declaration", () => {
  expect(collectNamespaces([{ id: "root" }, { id: "routes/me.profile", handle: undefined }])).toBe("all");
  expect(collectNamespaces([{ id: "root" }, { id: "routes/embed", handle: { bare: true } }])).toBe("all");
  expect(collectNamespaces([{ id: "root" }])).toEqual(collectNamespaces([{ id: "root" }, { id: "routes/$", handle: { i18n: [] } }]));
});

test("names that are no namespace are ignored", () => {
  const list = collectNamespaces([{ id: "root" }, { id: "r", handle: { i18n: ["../etc", "a+b", "ok"] } }]) as string[];
  expect(list).toContain("ok");
  expect(list.some((n) => n.includes("/") || n.includes("+"))).toBe(false);
});

test("what is missing after some texts are loaded", () => {
  expect(missingNamespaces(["map", "search", "walkthrough.map"], ["search", "walkthrough"])).toEqual(["map"]);
  expect(missingNamespaces("all", ["search"])).toBe("all");
  expect(missingNamespaces(["map"], "all")).toEqual([]);
});

test("the texts URL round-trips; anything else is no texts file", () => {
  const url = textsUrl("de", ["app", "moderation.nav", "search"], "0123456789");
  expect(url).toBe("/i18n/de/app+moderation.nav+search.0123456789.json");
  expect(parseTextsFile(url.split("/").pop()!)).toEqual({ namespaces: ["app", "moderation.nav", "search"], version: "0123456789" });
  expect(parseTextsFile("all.0123456789.json")).toEqual({ namespaces: "all", version: "0123456789" });
  expect(parseTextsFile("app.json")).toBeNull();
  expect(parseTextsFile("a/b.0123456789.json")).toBeNull();
  expect(parseTextsFile("app.0123456789.js")).toBeNull();
});

test("the layout's texts for who looks: logout and moderation link when signed in, the demo banner's with the mailbox", () => {
  expect(layoutNamespaces(null)).toEqual([]);
  expect(layoutNamespaces({ user: null, demoMailbox: false })).toEqual([]);
  const signedIn = collectNamespaces([{ id: "root" }], layoutNamespaces({ user: { displayName: "A" }, demoMailbox: true })) as string[];
  expect(signedIn).toEqual(expect.arrayContaining(["auth.logout", "moderation.nav", "walkthrough.demo"]));
  expect(collectNamespaces([{ id: "root" }]) as string[]).not.toContain("auth.logout");
});
