/** About Mitenand, the data sources with their required attribution, and a word on the demo data. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useTranslation } from "~/i18n/react";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import type { I18nHandle } from "~/i18n/namespaces";

// the texts this page needs in the browser (app/i18n/namespaces.ts)
export const handle: I18nHandle = { i18n: ["about"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const t = getFixedT(await getLocale(request));
  return { title: t("about.title") };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "About"} – Mitenand` }];

export default function About() {
  const { t } = useTranslation();
  return (
    <article className="prose">
      <h1>{t("about.title")}</h1>
      <p>{t("about.intro")}</p>
      <h2>{t("about.dataTitle")}</h2>
      <p>{t("about.dataIntro")}</p>
      <ul>
        <li>{t("about.dataGemeinden")}</li>
        <li>{t("about.dataPlz")}</li>
        <li>{t("about.dataBezirke")}</li>
      </ul>
      <h2>{t("about.demoTitle")}</h2>
      <p>{t("about.demoText")}</p>
    </article>
  );
}
