/** Hydrates the document in the language the server rendered it in, with only that language's texts loaded. */
import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { DEFAULT_LOCALE, i18nOptions, isLocale } from "~/i18n/config";
import { loadTranslation } from "~/i18n/load-translation";

const lang = isLocale(document.documentElement.lang) ? document.documentElement.lang : DEFAULT_LOCALE;

void loadTranslation(lang).then((translation) => {
  void i18next
    .use(initReactI18next)
    .init({ ...i18nOptions, lng: lang, resources: { [lang]: { translation } }, initAsync: false } as never);

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
});
