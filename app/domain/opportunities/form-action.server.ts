/**
 * The opportunity form's action, shared by "new" and "edit": "add a row" answers with the same values and one
 * more one-off row (nothing is saved); "save" validates and hands the input to the route's save function.
 */
import { data } from "@remix-run/node";
import type { Locale } from "~/i18n/config";
import { parseFormWithKeys } from "~/domain/organisations/parse-form.server";
import type { FieldErrors } from "~/utils/forms";
import { PlacesBelowTakenError } from "./editing.server";
import { loadFormReference } from "./form-reference.server";
import {
  formValuesFrom,
  MAX_SHIFT_ROWS,
  shiftFieldNames,
  shiftRowCount,
  type OpportunityFormValues,
  type OpportunityInput,
} from "./opportunity-input";
import { opportunityInputSchema } from "./opportunity-input.server";

export interface FormAnswer {
  errors: FieldErrors | null;
  values: OpportunityFormValues;
  rowCount: number;
}

export async function opportunityFormAction(
  request: Request,
  { locale, save }: { locale: Locale; save: (input: OpportunityInput) => Promise<Response | FieldErrors> },
) {
  const formData = await request.formData();
  const values = formValuesFrom(formData);
  const rowCount = shiftRowCount(values);
  if (formData.get("intent") === "add-row") {
    return data<FormAnswer>({ errors: null, values: { ...values, scheduleKind: "one_off" }, rowCount: Math.min(MAX_SHIFT_ROWS, rowCount + 1) });
  }
  const { categoryIds, bfsNumbers } = await loadFormReference(locale);
  const result = parseFormWithKeys(opportunityInputSchema({ categoryIds, bfsNumbers, now: new Date() }), formData);
  if (!result.success) return data<FormAnswer>({ errors: result.errors, values, rowCount }, { status: 400 });
  let saved: Response | FieldErrors;
  try {
    saved = await save(result.data);
  } catch (error) {
    if (error instanceof PlacesBelowTakenError) return data<FormAnswer>({ errors: placesErrors(error, formData), values, rowCount }, { status: 400 });
    throw error;
  }
  if (saved instanceof Response) return saved;
  return data<FormAnswer>({ errors: saved, values, rowCount }, { status: 409 });
}

/** Places below the places taken, on the field of the shift (found by its date and start), the rule or the total. */
function placesErrors(error: PlacesBelowTakenError, formData: FormData): FieldErrors {
  const errors: FieldErrors = {};
  for (const shortfall of error.shortfalls) {
    let field = shortfall.kind === "recurring" ? "recurringPlaces" : "totalPlaces";
    if (shortfall.kind === "shift") {
      field = "shifts";
      for (let row = 0; row < MAX_SHIFT_ROWS; row++) {
        const names = shiftFieldNames(row);
        if (formData.get(names.date) === shortfall.date && formData.get(names.start) === shortfall.start) {
          field = names.places;
          break;
        }
      }
    }
    (errors[field] ??= []).push({ key: "signupsOrg.errors.placesBelowTaken", values: { taken: shortfall.taken } });
  }
  return errors;
}
