/** The document: header with navigation and language switch, main content, footer; the root error page. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LanguageSwitch } from "~/components/language-switch";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getLocale } from "~/i18n/i18n.server";
import { useNonce } from "~/utils/nonce";
import appStyles from "~/styles/app.css";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  return { locale: await getLocale(request) };
}

// Routes set their own title; this one is seen on error pages of routes without a meta export.
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const locale = data?.locale ?? DEFAULT_LOCALE;
  const t = resources[locale].translation;
  return [{ title: error ? `${t.errors.title} – ${t.app.name}` : t.app.name }];
};

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = data?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  const { t, i18n } = useTranslation();

  // after the language switch the root loader returns the new locale; follow it in the browser
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [i18n, locale]);

  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("app.skipToContent")}
        </a>
        <header className="site-header">
          <div className="container site-header__inner">
            <Link to="/" className="brand" aria-label={`${t("app.name")} – ${t("nav.home")}`}>
              <span className="brand__mark" aria-hidden="true">
                M
              </span>
              <span className="brand__name">{t("app.name")}</span>
            </Link>
            <nav aria-label={t("nav.label")} className="site-nav">
              <NavLink to="/" end>
                {t("nav.home")}
              </NavLink>
              <NavLink to="/about">{t("nav.about")}</NavLink>
            </nav>
            <LanguageSwitch locale={locale} />
          </div>
        </header>
        <main id="main" className="container site-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>{t("footer.text")}</p>
            <p className="site-footer__small">
              {t("footer.dataAttribution")} <Link to="/about">{t("footer.about")}</Link>
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
