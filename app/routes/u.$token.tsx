/**
 * /u/:token: the unsubscribe link of alert and invitation emails (RFC 8058). GET shows what the link stops and a
 * confirm button, and changes nothing (link scanners follow links); POST — the button, or a mail client's
 * one-click request "List-Unsubscribe=One-Click", which may come from anywhere (the same-origin check exempts
 * exactly this path: the signed token is the proof) — stops it, without login. A tampered token: 400; an
 * expired one: 410; both with a page that says so.
 */
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { describeUnsubscribe, unsubscribe, verifyUnsubscribeToken } from "~/domain/notifications/unsubscribe.server";
import { DEFAULT_LOCALE, resources, type Locale } from "~/i18n/config";
import { getFixedT, getLocale } from "~/i18n/i18n.server";

type State = "confirm" | "done" | "unsubscribed" | "invalid" | "expired";

async function check(token: string | undefined) {
  const verdict = await verifyUnsubscribeToken(token ?? "");
  if (!verdict.ok) return { verdict, status: verdict.reason === "expired" ? 410 : 400 } as const;
  return { verdict, status: 200 } as const;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const t = getFixedT(await getLocale(request));
  const { verdict, status } = await check(params.token);
  if (!verdict.ok) return data({ title: t(`unsubscribe.${verdict.reason}Title`), state: verdict.reason as State, kind: null, name: null }, { status });
  const target = await describeUnsubscribe(verdict);
  const state: State = target?.active ? "confirm" : "done";
  return { title: t("unsubscribe.title"), state, kind: verdict.kind, name: target?.name ?? null };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const t = getFixedT(await getLocale(request));
  const { verdict, status } = await check(params.token);
  if (!verdict.ok) return data({ title: t(`unsubscribe.${verdict.reason}Title`), state: verdict.reason as State }, { status });
  await unsubscribe(verdict);
  return { title: t("unsubscribe.doneTitle"), state: "unsubscribed" as State };
}

export const meta: MetaFunction<typeof loader> = ({ data: loaderData, matches }) => {
  const locale = (matches[0]?.data as { locale?: Locale } | undefined)?.locale ?? DEFAULT_LOCALE;
  return [{ title: `${loaderData?.title ?? resources[locale].translation.unsubscribe.title} – Mitenand` }, { name: "robots", content: "noindex" }];
};

export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" });

export default function Unsubscribe() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const state = actionData?.state ?? loaderData.state;
  const what = loaderData.kind === "alert" ? t("unsubscribe.whatAlert", { name: loaderData.name ?? "" }) : t("unsubscribe.whatInvitations");
  return (
    <section className="unsubscribe card" aria-labelledby="unsubscribe-title">
      {state === "confirm" ? (
        <>
          <h1 id="unsubscribe-title">{t("unsubscribe.title")}</h1>
          <p>{what}</p>
          <Form method="post">
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit" className="button">
              {loaderData.kind === "alert" ? t("unsubscribe.confirmAlert") : t("unsubscribe.confirmInvitations")}
            </button>
          </Form>
        </>
      ) : state === "unsubscribed" || state === "done" ? (
        <>
          <h1 id="unsubscribe-title">{t("unsubscribe.doneTitle")}</h1>
          <p role="status">{loaderData.kind === "alert" ? t("unsubscribe.doneAlert") : t("unsubscribe.doneInvitations")}</p>
          <p>
            <Link to={loaderData.kind === "alert" ? "/me/searches" : "/me/profile"}>{t("unsubscribe.manage")}</Link>
          </p>
        </>
      ) : (
        <>
          <h1 id="unsubscribe-title">{state === "expired" ? t("unsubscribe.expiredTitle") : t("unsubscribe.invalidTitle")}</h1>
          <p>{state === "expired" ? t("unsubscribe.expiredText") : t("unsubscribe.invalidText")}</p>
          <p>
            <Link to="/login?redirectTo=%2Fme%2Fsearches">{t("unsubscribe.loginInstead")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
