/**
 * Form parsing for route modules: the same as forms.ts, but as a *.server module the browser build replaces it by
 * an empty one, so a route that imports it does not ship zod (forms.ts builds zod schemas at the top level).
 */
export * from "./forms";
