/** /me/signups — the volunteer's sign-ups: upcoming (with status and waitlist position) and past. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { SignupStatusBadge } from "~/components/signups/status-badge";
import { requireUser } from "~/domain/auth/permissions.server";
import { formatShiftRange } from "~/domain/signups/emails.server";
import { listOwnSignups, type OwnSignup } from "~/domain/signups/volunteer.server";
import { getFixedT, getLocale } from "~/i18n/i18n.server";
import type { Locale } from "~/i18n/config";

function row(s: OwnSignup, locale: Locale, flexible: string) {
  return {
    id: s.id,
    title: s.opportunity.title,
    organisation: s.organisation.name,
    gemeinde: s.gemeindeName,
    when: s.shift ? formatShiftRange(s.shift.startsAt, s.shift.endsAt, locale) : flexible,
    startsAt: s.shift?.startsAt.toISOString() ?? null,
    status: s.status,
    waitlistPosition: s.waitlistPosition,
    hours: s.hours,
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const t = getFixedT(locale);
  const { upcoming, past } = await listOwnSignups({ userId: user.id });
  const flexible = t("signups.flexible");
  return {
    title: t("signups.mine.title"),
    upcoming: upcoming.map((s) => row(s, locale, flexible)),
    past: past.map((s) => row(s, locale, flexible)),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Mitenand"} – Mitenand` }];

type Row = ReturnType<typeof row>;

function SignupList({ rows, labelledBy }: { rows: Row[]; labelledBy: string }) {
  const { t } = useTranslation();
  return (
    <ul className="plain-list signup-list" aria-labelledby={labelledBy}>
      {rows.map((r) => (
        <li key={r.id} className="card" data-testid="my-signup">
          <h3>
            <Link to={`/me/signups/${r.id}`}>{r.title}</Link>
          </h3>
          <p>
            {r.startsAt ? <time dateTime={r.startsAt}>{r.when}</time> : r.when}
            <br />
            <span className="muted small">
              {r.organisation} · {r.gemeinde}
            </span>
          </p>
          <p>
            <SignupStatusBadge status={r.status} position={r.waitlistPosition} />
            {r.hours ? ` ${t("signups.hoursValue", { hours: Number(r.hours) })}` : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function MySignups() {
  const { title, upcoming, past } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">{title}</h1>
      <p>
        <Link to="/me/hours">{t("signups.mine.hoursLink")}</Link>
      </p>
      <h2 id="upcoming-title">{t("signups.mine.upcoming")}</h2>
      {upcoming.length ? (
        <SignupList rows={upcoming} labelledBy="upcoming-title" />
      ) : (
        <p>
          {t("signups.mine.none")} <Link to="/opportunities">{t("signups.mine.find")}</Link>
        </p>
      )}
      <h2 id="past-title">{t("signups.mine.past")}</h2>
      {past.length ? <SignupList rows={past} labelledBy="past-title" /> : <p className="muted">{t("signups.mine.nonePast")}</p>}
    </section>
  );
}
