/**
 * The Gemeinden a region covers, usable for 196 of them without JavaScript: one collapsible group per
 * district (open when it holds a chosen Gemeinde), a "whole district" box, and each Gemeinde with the region
 * it belongs to now (choosing it here moves it).
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { SubmitButton } from "~/components/forms";

export interface DistrictGroup {
  districtNr: number;
  districtName: string;
  gemeinden: { bfsNr: number; name: string; regionId: number | null; regionName: string | null }[];
}

export function RegionGemeindenForm({ regionId, districts }: { regionId: number; districts: DistrictGroup[] }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="card" aria-labelledby="gemeinden-title">
      <h2 id="gemeinden-title">{t("moderation.regions.gemeindenTitle")}</h2>
      <p className="muted small">{t("moderation.regions.gemeindenHint")}</p>
      <input type="hidden" name="intent" value="gemeinden" />
      {districts.map((district) => {
        const chosen = district.gemeinden.filter((g) => g.regionId === regionId).length;
        const whole = chosen === district.gemeinden.length;
        return (
          <details key={district.districtNr} open={chosen > 0} className="district-group">
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
                  <div key={g.bfsNr} className="choice">
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
