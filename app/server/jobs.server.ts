/**
 * The periodic background jobs (shift schedules and archiving, sign-up offers and reminders, saved-search alerts,
 * the listings' next-shift refresh) as one unit: the web process runs them at boot (JOBS=inline, the default), or a
 * separate `npm run worker` does (JOBS=off on the web processes), so a web process can give its whole core to
 * requests. Each job is written for several processes running it at once (row locks, unique keys: see the
 * modules), so web processes and workers may overlap while one switches to the other.
 */
import { startJobs } from "~/domain/opportunities/schedule.server";
import { startSignupJobs } from "~/domain/signups/jobs.server";
import { startSavedSearchAlerts } from "~/domain/matching/saved-searches.server";
import { startNextShiftRefresh } from "~/domain/matching/next-shift.server";

/** Starts every periodic job; returns stop(), which waits for the runs in progress. */
export function startBackgroundJobs(): () => Promise<void> {
  const stops = [
    // recurring shifts for the coming weeks and archiving finished opportunities: now, then hourly
    startJobs(),
    // expired waitlist offers move on, reminders 24 h before confirmed shifts: now, then every 5 minutes
    startSignupJobs(),
    // saved-search alerts: the digests that are due, now and then hourly
    startSavedSearchAlerts(),
    // the listings' stored next shift moves on once it has begun (matching's walk): now, then every 5 minutes
    startNextShiftRefresh(),
  ];
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
