/**
 * true only in the hydrated browser: the server (and so the page without JavaScript) renders with false, the
 * browser re-renders with true right after hydrating, without a hydration mismatch. For extras that only help
 * with scripts (tooltips, suggestions), so the HTML does not carry them.
 */
import { useSyncExternalStore } from "react";

const subscribeNothing = () => () => {};

export function useHydrated() {
  return useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
}
