/** The password rules as a zod field, for every form that sets a new password. */
import { z } from "zod";
import { isCommonPassword, passwordLength, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password.server";

export const newPasswordField = z
  .string({ error: "validation.required" })
  // abort: an empty field is "required", not also "too short"
  .min(1, { error: "validation.required", abort: true })
  .superRefine((value, ctx) => {
    const length = passwordLength(value);
    if (length < PASSWORD_MIN_LENGTH) {
      ctx.addIssue({ code: "too_small", origin: "string", minimum: PASSWORD_MIN_LENGTH, message: "validation.passwordTooShort", input: value });
    } else if (length > PASSWORD_MAX_LENGTH) {
      ctx.addIssue({ code: "too_big", origin: "string", maximum: PASSWORD_MAX_LENGTH, message: "validation.passwordTooLong", input: value });
    } else if (isCommonPassword(value)) {
      ctx.addIssue({ code: "custom", message: "validation.passwordCommon", input: value });
    }
  });

/** For checking an existing password: anything up to the maximum (never reveal the rules' history). */
export const currentPasswordField = z.string({ error: "validation.required" }).min(1, "validation.required").max(1024, "validation.tooLong");
