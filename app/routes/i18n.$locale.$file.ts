/**
 * GET /i18n/:locale/<namespaces>.<version>.json: the texts a page needs (see app/i18n/namespaces.ts). The
 * version is in the name, so the current version is cached for a year; an old version (a page rendered before a
 * deploy) gets today's texts, cached briefly.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/config";
import { parseTextsFile } from "~/i18n/namespaces";
import { textsJson, textsVersion } from "~/i18n/texts.server";

export function loader({ params }: LoaderFunctionArgs) {
  const parsed = parseTextsFile(params.file ?? "");
  if (!isLocale(params.locale) || !parsed) return new Response("Not found", { status: 404 });
  const current = parsed.version === textsVersion(params.locale);
  return new Response(textsJson(params.locale, parsed.namespaces), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "public, max-age=60",
    },
  });
}
