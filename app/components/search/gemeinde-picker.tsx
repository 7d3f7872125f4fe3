/**
 * The search page's Gemeinde picker: the map's counts as one <select> of the Gemeinden with results, in a GET form
 * that repeats the current filters as hidden fields. Works without JavaScript and by keyboard (the map itself is a
 * picture: a click on it is a pointer shortcut to the same choice), and costs one <option> per Gemeinde instead of
 * a link with the whole query (issue 13: the search page's weight).
 */
import { useId, type FormEvent } from "react";
import { useTranslation } from "~/i18n/react";
import { intlLocale, isLocale } from "~/i18n/config";
import { numberFormat } from "~/utils/intl";
import type { MapGemeinde } from "~/domain/geo/map-data";

const collator = new Intl.Collator("de");
// the list sorted by name once per list (the map's 196 Gemeinden): sorting with the collator on every render
// took ≈ 5 % of the signed-in search page's server CPU
const sortedByName = new WeakMap<readonly MapGemeinde[], readonly MapGemeinde[]>();
function byName(gemeinden: readonly MapGemeinde[]) {
  let sorted = sortedByName.get(gemeinden);
  if (!sorted) {
    sorted = [...gemeinden].sort((a, b) => collator.compare(a.name, b.name));
    sortedByName.set(gemeinden, sorted);
  }
  return sorted;
}

export interface GemeindePickerProps {
  gemeinden: readonly MapGemeinde[];
  counts: Readonly<Record<number, number>>;
  /** the current query's parameters with the Gemeinde left out, in canonical order (`gemeinde` goes at `at`) */
  params: readonly (readonly [string, string])[];
  at: number;
  /** the picked Gemeinde, when exactly one is */
  selected: number | null;
  action: string;
  /** with JavaScript: go there without a form submission */
  onPick: (bfsNr: number) => void;
}

export function GemeindePicker({ gemeinden, counts, params, at, selected, action, onPick }: GemeindePickerProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const number = numberFormat(intlLocale(isLocale(i18n.language) ? i18n.language : "de"));
  const options = byName(gemeinden).filter((g) => (counts[g.bfsNr] ?? 0) > 0 || g.bfsNr === selected);
  const hidden = (list: readonly (readonly [string, string])[]) =>
    list.map(([name, value], i) => <input key={`${name}-${i}`} type="hidden" name={name} value={value} />);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    const bfsNr = Number(new FormData(event.currentTarget).get("gemeinde"));
    if (!bfsNr) return;
    event.preventDefault();
    onPick(bfsNr);
  };

  if (options.length === 0) return <p className="muted small">{t("map.tableEmpty")}</p>;
  return (
    // the fields before and after the select keep the URL in canonical order (no redirect)
    <form method="get" action={action} className="gemeinde-picker" onSubmit={submit}>
      {hidden(params.slice(0, at))}
      <label htmlFor={`${id}-g`}>{t("map.pickLabel")}</label>
      <select id={`${id}-g`} name="gemeinde" required defaultValue={selected ? String(selected) : ""}>
        <option value="">{t("map.pickPlaceholder")}</option>
        {options.map((g) => (
          <option key={g.bfsNr} value={g.bfsNr}>
            {`${g.name} (${number.format(counts[g.bfsNr] ?? 0)})`}
          </option>
        ))}
      </select>
      {hidden(params.slice(at))}
      <button type="submit" className="button button--ghost">
        {t("map.pickSubmit")}
      </button>
    </form>
  );
}
