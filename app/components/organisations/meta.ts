/** Page titles for the organisation pages: "<page> – Mitenand", and a localized error title when the loader failed. */
import { isRouteErrorResponse } from "@remix-run/react";
import { DEFAULT_LOCALE, isLocale, resources } from "~/i18n/config";

interface MetaArgs {
  data: unknown;
  error?: unknown;
  matches: { id: string; data: unknown }[];
}

export function organisationMeta({ data, error, matches }: MetaArgs) {
  const title = (data as { title?: unknown } | undefined)?.title;
  if (typeof title === "string") return [{ title: `${title} – Mitenand` }];
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  const t = resources[isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE].translation;
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const heading = status === 404 ? t.errors.notFoundTitle : status === 403 ? t.errors.forbiddenTitle : t.errors.title;
  return [{ title: `${heading} – Mitenand` }];
}
