/** The document: header with navigation and language switch, main content, footer; the root error page. */
import { data as withHeaders, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ClientLoaderFunctionArgs, ShouldRevalidateFunction } from "@remix-run/react";
import {
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Form,
  Scripts,
  ScrollRestoration,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { LanguageSwitch } from "~/components/language-switch";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import { ensureLocale, ensureTextsFor } from "~/i18n/client-texts";
import { collectNamespaces, layoutNamespaces, textsUrl } from "~/i18n/namespaces";
import { useTranslation } from "~/i18n/react";
import { textsVersion } from "~/i18n/texts.server";
import { getAuth } from "~/domain/auth/permissions.server";
import { isDevMailboxEnabled } from "~/domain/notifications/mailbox.server";
import { readSessionToken, serializeBlankSessionCookie, serializeSessionCookie } from "~/domain/auth/session.server";
import { popToast } from "~/utils/toast.server";
import { Toaster } from "~/components/toaster";
import { useNonce } from "~/utils/nonce";
import appStyles from "~/styles/app.css";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "icon", href: "/favicon.ico", sizes: "32x32" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, auth, { toast, setCookie }] = await Promise.all([getLocale(request), getAuth(request), popToast(request)]);
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (auth) {
    // sliding expiry: the cookie follows the session's (possibly extended) expiry
    headers.append("Set-Cookie", serializeSessionCookie(readSessionToken(request)!, auth.session.expiresAt));
  } else if (readSessionToken(request)) {
    headers.append("Set-Cookie", serializeBlankSessionCookie());
  }
  // the menu's entries come with the session (one query: app/domain/auth/session.server.ts)
  const user = auth
    ? { displayName: auth.user.displayName, isAdmin: auth.user.isAdmin, hasOrganisations: auth.menu.hasOrganisations, canModerate: auth.user.isAdmin || auth.menu.isCoordinator }
    : null;
  // the demo (and development) keep every email in /dev/mailbox: a banner says where to read them
  // the toast's text is looked up here, so pages need not load every toast text into the browser
  const toastWithText = toast ? { ...toast, text: getFixedT(locale)(toast.key) } : null;
  return withHeaders({ locale, user, toast: toastWithText, demoMailbox: isDevMailboxEnabled(), textsVersion: textsVersion(locale) }, { headers });
}

// Before every client-side navigation the new page's texts are fetched (if not here yet), so the page never renders
// a key instead of its text: root's clientLoader runs on every navigation for that, but asks the server for
// root's data only when Remix would have (after actions, when the search changes …), else keeps the last data.
let serverRevalidation = true;
let lastRootData: unknown;

export const shouldRevalidate: ShouldRevalidateFunction = ({ defaultShouldRevalidate }) => {
  serverRevalidation = defaultShouldRevalidate;
  return true;
};

export async function clientLoader({ request, serverLoader }: ClientLoaderFunctionArgs) {
  lastRootData ??= (window as { __remixRouter?: { state: { loaderData: Record<string, unknown> } } }).__remixRouter?.state
    .loaderData.root;
  const fromServer = serverRevalidation || lastRootData === undefined;
  serverRevalidation = true;
  const data = fromServer
    ? await serverLoader<typeof loader>()
    : (lastRootData as Awaited<ReturnType<typeof serverLoader<typeof loader>>>);
  // the language may have changed (a login switches to the account's): the loaded texts in that language first
  await ensureLocale(data.locale, data.textsVersion);
  // after root's data: who is signed in decides some of the layout's texts (layoutNamespaces)
  await ensureTextsFor(new URL(request.url), layoutNamespaces(data));
  lastRootData = data;
  return data;
}

// Inherited by every route without its own headers function: a thrown 429 keeps its Retry-After.
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  const result: Record<string, string> = {};
  if (retryAfter) result["Retry-After"] = retryAfter;
  return result;
};

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
  const { t } = useTranslation();
  const matches = useMatches();

  // routes with handle = { bare: true } (the /embed pages, framed by other sites) get the document without the
  // site's header, footer and scripts: a static list that is light on the host page
  const bare = matches.some((match) => (match.handle as { bare?: boolean } | undefined)?.bare === true);
  if (bare) {
    return (
      <html lang={locale}>
        <head>
          <meta charSet="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <Meta />
          <Links />
        </head>
        <body className="embed-body">
          <main id="main">{children}</main>
        </body>
      </html>
    );
  }

  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        <TextsPreload locale={locale} version={data?.textsVersion} matches={matches} layout={layoutNamespaces(data)} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("app.skipToContent")}
        </a>
        <header className="site-header">
          {data?.demoMailbox ? (
            <p className="demo-banner" data-testid="demo-banner">
              {t("walkthrough.demo.text")} <Link to="/dev/mailbox">{t("walkthrough.demo.link")}</Link>.
            </p>
          ) : null}
          <div className="container site-header__inner">
            <Link to="/" className="brand">
              <span className="brand__mark" aria-hidden="true">
                M
              </span>
              <span className="brand__name">{t("app.name")}</span>
            </Link>
            {/* a <details> menu: folds on small screens without JavaScript, always open on wide ones (CSS) */}
            <details className="site-menu">
              <summary className="site-menu__toggle">{t("walkthrough.header.menu")}</summary>
              <div className="site-menu__panel">
                <nav aria-label={t("nav.label")} className="site-nav">
                  <NavLink to="/" end>
                    {t("nav.home")}
                  </NavLink>
                  <NavLink to="/opportunities">{t("nav.opportunities")}</NavLink>
                  <NavLink to="/about">{t("nav.about")}</NavLink>
                </nav>
                <div className="user-menu">
                  {data?.user ? (
                    <>
                      {data.user.hasOrganisations ? <NavLink to="/orgs">{t("nav.organisations")}</NavLink> : null}
                      {data.user.canModerate ? <NavLink to="/coordinator">{t("moderation.nav")}</NavLink> : null}
                      <NavLink to="/me/account">{t("nav.account")}</NavLink>
                      <Form method="post" action="/logout">
                        <button type="submit" className="link-button">
                          {t("auth.logout")}
                        </button>
                      </Form>
                    </>
                  ) : (
                    <>
                      <NavLink to="/login">{t("nav.login")}</NavLink>
                      <NavLink to="/signup" className="button button--small">
                        {t("nav.signup")}
                      </NavLink>
                    </>
                  )}
                </div>
              </div>
            </details>
            <LanguageSwitch locale={locale} />
          </div>
        </header>
        <main id="main" className="container site-main" tabIndex={-1}>
          <Toaster toast={data?.toast ?? null} />
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <p>{t("footer.text")}</p>
            <p className="site-footer__small">
              {t("footer.dataAttribution")} <Link to="/about">{t("footer.about")}</Link> ·{" "}
              <Link to="/privacy">{t("footer.privacy")}</Link> ·{" "}
              <Link to="/for-municipalities">{t("walkthrough.footer.municipalities")}</Link>
            </p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * The texts the page's routes declare, fetched by entry.client before hydrating; preloaded here so the download
 * runs beside the scripts'. Only the first document's link matters (entry.client reads it once).
 */
function TextsPreload({
  locale,
  version,
  matches,
  layout,
}: {
  locale: Locale;
  version?: string;
  matches: ReturnType<typeof useMatches>;
  layout: string[];
}) {
  if (!version) return null;
  const namespaces = collectNamespaces(matches, layout);
  return (
    <link
      rel="preload"
      as="fetch"
      crossOrigin="anonymous"
      href={textsUrl(locale, namespaces, version)}
      data-i18n={namespaces === "all" ? "all" : namespaces.join(" ")}
      data-version={version}
    />
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
