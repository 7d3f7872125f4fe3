/**
 * The browser's texts: only the page's locale, each locale its own chunk (a dynamic import), so the first load
 * carries one language's texts instead of both.
 */
import { registerTranslation, type Locale, type Translation } from "./config";

export async function loadTranslation(locale: Locale): Promise<Translation> {
  const module = locale === "en" ? await import("./en.json") : await import("./de.json");
  const translation = (module.default ?? module) as Translation;
  registerTranslation(locale, translation);
  return translation;
}
