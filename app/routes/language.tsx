/** POST /language: remembers the chosen language in a cookie and returns to the page the user was on. */
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/i18n/config";
import { localeCookie } from "~/i18n/i18n.server";
import { safeRedirect } from "~/utils/http";

const schema = z.object({
  lng: z.enum(LOCALES),
  redirectTo: z.string().max(2000).optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  return redirect(safeRedirect(parsed.data.redirectTo), {
    headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.lng) },
  });
}

export function loader() {
  return redirect("/");
}
