import { renderToStaticMarkup } from "react-dom/server";
import { expect, test } from "vitest";
import { AargauMap } from "~/components/aargau-map";
import { AARGAU_MAP } from "~/domain/geo/aargau-map";
import { resources } from "~/i18n/config";
import { I18nProvider, staticTextsStore } from "~/i18n/react";

const render = (element: React.ReactElement) =>
  renderToStaticMarkup(<I18nProvider store={staticTextsStore("de", resources.de.translation)}>{element}</I18nProvider>);
const uses = (html: string) => [...html.matchAll(/<use ([^>]*?)\/?>/g)].map((m) => m[1]);

test("the base shade is one <use> of the whole canton: only Gemeinden with a count get their own (issue 13)", () => {
  const counts = { 4001: 3, 4002: 1, 4021: 12 };
  const html = render(<AargauMap shapes={AARGAU_MAP} counts={counts} caption="Karte" />);
  const all = uses(html);
  expect(all).toHaveLength(1 + 3);
  expect(all[0]).toMatch(/^href="[^"]*\.svg#all" class="aargau-map__area aargau-map__area--0"$/);
  expect(all.slice(1).map((a) => /#g(\d{4})"/.exec(a)?.[1]).sort()).toEqual(["4001", "4002", "4021"]);
  // no tooltips in the HTML: they come with the first pointer over the map
  expect(html.match(/<title/g)).toHaveLength(1);
});

test("a detail page's map: the canton, the highlighted Gemeinde and its outline, three <use>s instead of 197", () => {
  const html = render(<AargauMap shapes={AARGAU_MAP} highlight={4001} caption="Karte" />);
  const all = uses(html);
  expect(all).toHaveLength(3);
  expect(all[0]).toMatch(/#all" class="aargau-map__area aargau-map__area--plain"$/);
  expect(html).toMatch(/<g class="aargau-map__area aargau-map__area--highlight"><use href="[^"]*#g4001"\/><\/g>/);
  expect(all[2]).toMatch(/#g4001" class="aargau-map__outline"/);
});
