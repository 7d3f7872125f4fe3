/**
 * The Gemeinden a region covers, usable for 196 of them without JavaScript: one collapsible group per
 * district (open when it holds a chosen Gemeinde), a "whole district" box, and each Gemeinde with the region
 * it belongs to now (choosing it here moves it). With JavaScript a type-to-filter box narrows the list (hidden
 * boxes keep their state and are still sent); without it the box is not shown and everything works as before.
 */
import { Form } from "@remix-run/react";
import { useState, useSyncExternalStore } from "react";
import { useTranslation } from "~/i18n/react";
import { SubmitButton } from "~/components/forms";

export interface DistrictGroup {
  districtNr: number;
  districtName: string;
  gemeinden: { bfsNr: number; name: string; regionId: number | null; regionName: string | null }[];
}

const subscribeNothing = () => () => {};

/** "Zürich", "zurich" and "ZUERICH" alike: lower case, without accents, ae/oe/ue as a/o/u. */
export function foldName(value: string) {
  return value
    .toLowerCase()
    .replace(/ae/g, "a")
    .replace(/oe/g, "o")
    .replace(/ue/g, "u")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim();
}

export function RegionGemeindenForm({ regionId, districts }: { regionId: number; districts: DistrictGroup[] }) {
  const { t } = useTranslation();
  // true only in the hydrated browser: the server and the no-JS page show no filter box
  const enhanced = useSyncExternalStore(subscribeNothing, () => true, () => false);
  const [filter, setFilter] = useState("");
  const needle = foldName(filter);
  const matches = (name: string) => needle === "" || foldName(name).includes(needle);
  const shown = needle ? districts.reduce((sum, d) => sum + d.gemeinden.filter((g) => matches(g.name)).length, 0) : null;
  return (
    <Form method="post" className="card" aria-labelledby="gemeinden-title">
      <h2 id="gemeinden-title">{t("moderation.regions.gemeindenTitle")}</h2>
      <p className="muted small">{t("moderation.regions.gemeindenHint")}</p>
      <input type="hidden" name="intent" value="gemeinden" />
      {enhanced ? (
        <div className="field gemeinde-filter">
          <label htmlFor="gemeinde-filter">{t("adminUsers.gemeindeFilter")}</label>
          <input
            id="gemeinde-filter"
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            onKeyDown={(event) => {
              // Enter in the filter must not submit the Gemeinden form
              if (event.key === "Enter") event.preventDefault();
            }}
            aria-describedby="gemeinde-filter-count"
            autoComplete="off"
          />
          <p id="gemeinde-filter-count" className="muted small" aria-live="polite">
            {shown === null ? "" : t("adminUsers.gemeindeFilterCount", { count: shown })}
          </p>
        </div>
      ) : null}
      {districts.map((district) => {
        const chosen = district.gemeinden.filter((g) => g.regionId === regionId).length;
        const whole = chosen === district.gemeinden.length;
        const found = district.gemeinden.filter((g) => matches(g.name)).length;
        return (
          <details key={district.districtNr} open={needle ? found > 0 : chosen > 0} hidden={needle !== "" && found === 0} className="district-group">
            <summary>
              {district.districtName} ({t("moderation.regions.chosenOf", { chosen, total: district.gemeinden.length })})
            </summary>
            <fieldset className="field choice-group choice-group--columns">
              <legend>{t("moderation.regions.districtLegend", { district: district.districtName })}</legend>
              <div className="choice">
                <input type="checkbox" id={`district-${district.districtNr}`} name="district" value={district.districtNr} defaultChecked={whole} />
                <label htmlFor={`district-${district.districtNr}`}>
                  <strong>{t("moderation.regions.wholeDistrict")}</strong>
                </label>
              </div>
              <div className="choice-group__options">
                {district.gemeinden.map((g) => (
                  <div key={g.bfsNr} className="choice" hidden={!matches(g.name)}>
                    <input type="checkbox" id={`gemeinde-${g.bfsNr}`} name="bfsNr" value={g.bfsNr} defaultChecked={g.regionId === regionId} />
                    <label htmlFor={`gemeinde-${g.bfsNr}`}>
                      {g.name}
                      {g.regionId !== null && g.regionId !== regionId ? <span className="muted small"> ({g.regionName})</span> : null}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </details>
        );
      })}
      <SubmitButton>{t("moderation.regions.saveGemeinden")}</SubmitButton>
    </Form>
  );
}
