/**
 * The texts in React: `useTranslation()` gives `{ t, i18n: { language } }` like react-i18next, which the app used
 * before (its ≈ 60 KB of i18next code no longer reach the browser). The provider takes a store: on the server a
 * fixed one per locale with every text, in the browser the texts loaded so far (client-texts.ts), which grow
 * before client-side navigations.
 */
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from "react";
import type { Locale } from "./config";
import { createTranslator, type TFunction, type Texts } from "./translate";

export type TextsStore = {
  locale: Locale;
  getTexts(): Texts;
  subscribe(onChange: () => void): () => void;
  onMissing?: (key: string) => void;
};

type I18nValue = { t: TFunction; i18n: { language: Locale } };

const I18nContext = createContext<I18nValue | null>(null);

const noSubscription = () => () => {};

export function I18nProvider({ store, children }: { store: TextsStore; children: ReactNode }) {
  const texts = useSyncExternalStore(store.subscribe ?? noSubscription, store.getTexts, store.getTexts);
  const value = useMemo(
    () => ({ t: translatorFor(store, texts), i18n: { language: store.locale } }),
    [store, texts],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

// one translator per texts object: the server's never change, so each locale's is built once per process
const translators = new WeakMap<Texts, TFunction>();
function translatorFor(store: TextsStore, texts: Texts) {
  let t = translators.get(texts);
  if (!t) {
    t = createTranslator(store.locale, texts, store.onMissing);
    translators.set(texts, t);
  }
  return t;
}

export function useTranslation(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useTranslation outside I18nProvider");
  return value;
}

/** a store that never changes (server rendering, tests) */
export function staticTextsStore(locale: Locale, texts: Texts): TextsStore {
  return { locale, getTexts: () => texts, subscribe: noSubscription };
}
