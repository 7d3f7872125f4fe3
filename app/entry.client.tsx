/** Hydrates the document in the language the server rendered it in. */
import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, i18nOptions, isLocale, resources } from "~/i18n/config";

const lang = document.documentElement.lang;
void i18next
  .use(initReactI18next)
  .init({ ...i18nOptions, lng: isLocale(lang) ? lang : DEFAULT_LOCALE, resources, initAsync: false } as never);

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <I18nextProvider i18n={i18next}>
        <RemixBrowser />
      </I18nextProvider>
    </StrictMode>,
  );
});
