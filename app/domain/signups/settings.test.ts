import { expect, test } from "vitest";
import aargau from "~db/data/aargau.json";
import { CATEGORIES } from "~db/data/categories";
import { opportunityInputSchema } from "~/domain/opportunities/opportunity-input.server";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import { opportunityFormData } from "~/testing/factories.server";

const reference = { categoryIds: new Set<string>(CATEGORIES.map((c) => c.id)), bfsNumbers: new Set(aargau.gemeinden.map((g) => g.bfs_nr)), now: new Date() };

function parse(overrides: Record<string, string | undefined>) {
  return parseFormWithKeys(opportunityInputSchema(reference), opportunityFormData(overrides));
}

test("the opportunity form's sign-up settings: offer first with its hours, default auto-promotion after 24 h", () => {
  const plain = parse({});
  expect(plain.success && { mode: plain.data.waitlistMode, hours: plain.data.offerHours }).toEqual({ mode: "auto", hours: 24 });
  const offer = parse({ waitlistOffer: "on", offerHours: "12" });
  expect(offer.success && { mode: offer.data.waitlistMode, hours: offer.data.offerHours }).toEqual({ mode: "offer", hours: 12 });
  for (const bad of ["0", "169", "-1", "1.5", "abc"]) {
    const result = parse({ waitlistOffer: "on", offerHours: bad });
    expect(result.success ? null : result.errors.offerHours?.[0]?.key).toBe("validation.invalid");
  }
});
