/**
 * Hydrates the document in the language the server rendered it in, with only the texts its routes declare
 * (app/i18n/namespaces.ts), fetched from the URL the document preloads.
 */
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { DEFAULT_LOCALE, isLocale } from "~/i18n/config";
import { clientTextsStore, loadInitialTexts } from "~/i18n/client-texts";
import { I18nProvider } from "~/i18n/react";

const lang = isLocale(document.documentElement.lang) ? document.documentElement.lang : DEFAULT_LOCALE;

void loadInitialTexts(lang).then((ready) => {
  if (!ready) return;
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nProvider store={clientTextsStore}>
          <RemixBrowser />
        </I18nProvider>
      </StrictMode>,
    );
  });
});
