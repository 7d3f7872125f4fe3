import { afterAll, beforeAll, expect, test } from "vitest";
import { closeDatabase } from "~db/client.server";
import { createOpportunity, createOrganisation } from "~/testing/factories.server";
import { prepareTestDatabase } from "~/testing/setup-db.server";
import { countPublished, listLatestPublished } from "./listing.server";

beforeAll(prepareTestDatabase);
afterAll(closeDatabase);

test("the newest published opportunity comes first, with organisation, Gemeinde and category", async () => {
  const org = await createOrganisation({ name: "Bibliothek Lenzburg Test", bfs_nr: 4201 });
  const newest = await createOpportunity({ organisation_id: org.id, bfs_nr: 4201, published_at: new Date(Date.now() + 60_000) });
  const [first] = await listLatestPublished({ locale: "de", limit: 5 });
  expect(first).toMatchObject({
    id: newest.id,
    organisationName: "Bibliothek Lenzburg Test",
    gemeindeName: "Lenzburg",
    categoryLabel: "Konversationsgruppe",
  });
  const [firstEn] = await listLatestPublished({ locale: "en", limit: 1 });
  expect(firstEn.categoryLabel).toBe("Conversation group");
});

test("drafts and submitted opportunities are not listed or counted", async () => {
  const before = await countPublished();
  const draft = await createOpportunity({ status: "draft", published_at: null });
  const submitted = await createOpportunity({ status: "submitted", published_at: null });
  const published = await createOpportunity({ status: "published", published_at: new Date(Date.now() + 120_000) });
  const ids = (await listLatestPublished({ locale: "de", limit: 50 })).map((o) => o.id);
  expect(ids).toContain(published.id);
  expect(ids).not.toContain(draft.id);
  expect(ids).not.toContain(submitted.id);
  expect(await countPublished()).toBeGreaterThanOrEqual(before + 1);
});
