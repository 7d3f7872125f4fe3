/**
 * Sign-ups: one row per volunteer and shift (or per volunteer and flexible opportunity, shift_id null).
 *
 * Capacity lives in the database twice over. Every shift (and flexible opportunity) carries `places_taken`, kept
 * by a row trigger on signup: a row in a status that holds a place (pending, confirmed, offered, attended) counts
 * one. `CHECK (places_taken <= places)` makes overbooking impossible whatever the application does, and lowering
 * `places` below the places taken fails with that same constraint. The application takes the shift's row lock
 * (SELECT … FOR UPDATE) before deciding between a place and the waitlist, so concurrent sign-ups queue instead of
 * failing. Waitlist positions are unique per shift (checked at the end of each statement, so a renumbering
 * UPDATE may shift them all by one).
 *
 * Statement-level triggers bump the listing generation, since places left show on public pages. Frozen.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    alter table opportunity add column waitlist_mode text not null default 'auto' check (waitlist_mode in ('auto','offer'));
    alter table opportunity add column offer_hours smallint not null default 24 check (offer_hours between 1 and 168);
    alter table opportunity add column places_taken integer not null default 0 check (places_taken >= 0);
    alter table opportunity add constraint opportunity_places_taken_within check (total_places is null or places_taken <= total_places);

    alter table shift add column places_taken integer not null default 0 check (places_taken >= 0);
    alter table shift add constraint shift_places_taken_within check (places_taken <= places);
    alter table shift add column cancelled_at timestamptz;

    create table signup (
      id integer generated always as identity primary key,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      shift_id integer references shift (id) on delete restrict,
      user_id integer not null references app_user (id) on delete cascade,
      status text not null
        check (status in ('pending','confirmed','waitlisted','offered','declined','cancelled','attended','no_show')),
      waitlist_position integer check (waitlist_position >= 1),
      place_key bigint generated always as (coalesce(shift_id::bigint, -opportunity_id::bigint)) stored,
      message text check (length(message) <= 1000),
      offer_expires_at timestamptz,
      cancelled_by integer references app_user (id) on delete set null,
      cancelled_by_role text check (cancelled_by_role in ('volunteer','organisation','system')),
      cancel_reason text check (length(cancel_reason) <= 1000),
      decline_reason text check (length(decline_reason) <= 1000),
      hours numeric(5,2) check (hours > 0 and hours <= 24),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      confirmed_at timestamptz,
      cancelled_at timestamptz,
      check ((status = 'waitlisted') = (waitlist_position is not null)),
      check ((status = 'offered') = (offer_expires_at is not null)),
      check (hours is null or status = 'attended'),
      check ((status = 'cancelled') = (cancelled_at is not null)),
      constraint signup_waitlist_position_key unique (place_key, waitlist_position) deferrable initially immediate
    );
    create unique index signup_user_shift_key on signup (user_id, shift_id) where shift_id is not null;
    create unique index signup_user_flexible_key on signup (user_id, opportunity_id) where shift_id is null;
    create index signup_shift_idx on signup (shift_id, status) where shift_id is not null;
    create index signup_opportunity_idx on signup (opportunity_id, status);
    create index signup_offer_expiry_idx on signup (offer_expires_at) where status = 'offered';

    create function mitenand_signup_places() returns trigger
      language plpgsql
      as $places$
      declare
        old_holds int := 0;
        new_holds int := 0;
      begin
        if tg_op in ('UPDATE','DELETE') and old.status in ('pending','confirmed','offered','attended') then old_holds := 1; end if;
        if tg_op in ('INSERT','UPDATE') and new.status in ('pending','confirmed','offered','attended') then new_holds := 1; end if;
        if tg_op = 'UPDATE' and old.place_key = new.place_key then
          new_holds := new_holds - old_holds;
          old_holds := 0;
        end if;
        if old_holds <> 0 then
          if old.shift_id is not null then
            update shift set places_taken = places_taken - old_holds where id = old.shift_id;
          else
            update opportunity set places_taken = places_taken - old_holds where id = old.opportunity_id;
          end if;
        end if;
        if new_holds <> 0 then
          if new.shift_id is not null then
            update shift set places_taken = places_taken + new_holds where id = new.shift_id;
          else
            update opportunity set places_taken = places_taken + new_holds where id = new.opportunity_id;
          end if;
        end if;
        return null;
      end $places$;

    create trigger signup_places after insert or update or delete on signup
      for each row execute function mitenand_signup_places();

    create trigger signup_listing_generation after insert or update or delete or truncate on signup
      for each statement execute function mitenand_bump_listing_generation();

    create table signup_reminder (
      signup_id integer not null references signup (id) on delete cascade,
      shift_id integer not null references shift (id) on delete cascade,
      sent_at timestamptz not null default now(),
      primary key (signup_id, shift_id)
    );
`;

const DOWN = `
    drop table signup_reminder;
    drop table signup;
    drop function mitenand_signup_places();
    alter table shift drop column cancelled_at;
    alter table shift drop constraint shift_places_taken_within;
    alter table shift drop column places_taken;
    alter table opportunity drop constraint opportunity_places_taken_within;
    alter table opportunity drop column places_taken;
    alter table opportunity drop column offer_hours;
    alter table opportunity drop column waitlist_mode;
`;

// One statement per query (the PGlite driver uses the extended protocol). Statements end with ";" at the end of
// a line; inside the plpgsql body (between the $places$ markers) such lines do not end a statement.
function statements(script: string) {
  const out: string[] = [];
  let current = "";
  let inBody = false;
  for (const line of script.split("\n")) {
    current += `${line}\n`;
    if ((line.match(/\$places\$/g) ?? []).length % 2 === 1) inBody = !inBody;
    if (!inBody && /;\s*$/.test(line)) {
      out.push(current.trim().replace(/;$/, ""));
      current = "";
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements(UP)) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of statements(DOWN)) await sql.raw(statement).execute(db);
}
