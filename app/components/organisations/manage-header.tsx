/** The head of every page that manages an organisation: its name and the navigation between those pages. */
import { Link, NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { OrganisationRole } from "~db/schema";

export function ManageHeader({ organisation, role, title }: { organisation: { slug: string; name: string }; role: OrganisationRole; title?: string }) {
  const { t } = useTranslation();
  const base = `/orgs/${organisation.slug}/manage`;
  return (
    <header className="manage-header">
      <p className="breadcrumb">
        <Link to="/orgs">{t("org.list.title")}</Link>
        <span aria-hidden="true"> / </span>
        <span>{organisation.name}</span>
      </p>
      <h1 id="page-title">{title ?? organisation.name}</h1>
      <nav aria-label={t("orgManage.nav.label")} className="tabs">
        <NavLink to={base} end>
          {t("orgManage.nav.dashboard")}
        </NavLink>
        {role === "owner" ? (
          <>
            <NavLink to={`${base}/profile`}>{t("orgManage.nav.profile")}</NavLink>
            <NavLink to={`${base}/members`}>{t("orgManage.nav.members")}</NavLink>
            <NavLink to={`${base}/certificates`}>{t("certificate.org.link")}</NavLink>
          </>
        ) : null}
        <NavLink to={`/orgs/${organisation.slug}`} end>
          {t("orgManage.nav.publicProfile")}
        </NavLink>
      </nav>
    </header>
  );
}
