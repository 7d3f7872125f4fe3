/**
 * The page's scripts, announced in <head> at low priority (issue 13, Lighthouse). Remix's <Scripts> announces them
 * at the end of <body> with <link rel="modulepreload">, which the browser fetches at high priority: ≈ 125 kB of
 * script then shared a slow connection with the render-blocking stylesheet, and Lighthouse counts high-priority
 * scripts as render-blocking (first contentful paint waited for all of them). The pages are rendered on the
 * server and work without scripts, so the stylesheet and the HTML come first and hydration follows. The same
 * URLs later in <Scripts> are the same module fetches (the browser's module map), not second downloads.
 */
import { UNSAFE_RemixContext, useMatches } from "@remix-run/react";
import { useContext, useState } from "react";

export function modulePreloadHrefs(
  manifest: { entry: { module: string; imports: string[] }; routes: Record<string, { module: string; imports?: string[] } | undefined> },
  routeIds: string[],
) {
  const hrefs = [manifest.entry.module, ...manifest.entry.imports];
  for (const id of routeIds) {
    const route = manifest.routes[id];
    if (route) hrefs.push(...(route.imports ?? []), route.module);
  }
  return [...new Set(hrefs)];
}

export function ModulePreloads() {
  const remix = useContext(UNSAFE_RemixContext);
  const matches = useMatches();
  // the first document's scripts only, as <Scripts> does: later pages load theirs as they navigate
  const [hrefs] = useState(() => (remix ? modulePreloadHrefs(remix.manifest, matches.map((match) => match.id)) : []));
  return hrefs.map((href) => (
    // fetchpriority: React 18 does not know the property yet, so the attribute is written in lower case
    <link key={href} rel="modulepreload" href={href} {...{ fetchpriority: "low" }} />
  ));
}
