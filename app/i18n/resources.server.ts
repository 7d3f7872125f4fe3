/** The server knows every locale's texts: registered once per process, before any request is rendered. */
import { registerTranslation } from "./config";
import de from "./de.json";
import en from "./en.json";

registerTranslation("de", de);
registerTranslation("en", en);

/** both locales, in i18next's shape */
export const serverResources = { de: { translation: de }, en: { translation: en } } as const;
