/** Every unknown path: a real 404 page in the user's language. */
import type { MetaFunction } from "@remix-run/node";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { DEFAULT_LOCALE, isLocale, resources } from "~/i18n/config";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["errors"] };

export function loader() {
  throw new Response("Not Found", { status: 404 });
}

// the loader always throws, so the title comes from the root loader's locale (a page needs a <title>, WCAG 2.4.2)
export const meta: MetaFunction = ({ matches }) => {
  const rootData = matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : DEFAULT_LOCALE;
  return [{ title: `${resources[locale].translation.errors.notFoundTitle} – Mitenand` }];
};

export default function NotFound() {
  return <GeneralErrorBoundary />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
