import { expect, test } from "vitest";
import { loggablePath } from "./logger.server";

test("tokens in a path are not logged; ordinary paths are", () => {
  expect(loggablePath("/invitations/abcdefghijklmnopqrstuvwxyz234567")).toBe("/invitations/:token");
  expect(loggablePath("/invitations/short.data")).toBe("/invitations/:token");
  expect(loggablePath("/unsubscribe/AbCdEf0123456789AbCdEf0123456789")).toBe("/unsubscribe/:token");
  expect(loggablePath("/orgs/verein-integration-aarau-und-umgebung/manage")).toBe("/orgs/verein-integration-aarau-und-umgebung/manage");
  expect(loggablePath("/opportunities/12345")).toBe("/opportunities/12345");
});
