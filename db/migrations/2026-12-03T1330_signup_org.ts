/**
 * Sign-ups, organisation side and speed:
 *
 * - `signup_org_message`: the log of messages an organisation sent to the confirmed volunteers of a shift (who,
 *   what, when, to how many). Not shown on public pages, so no listing-generation trigger.
 * - `outbox.idempotency_key`: a key per logical email (e.g. one reminder of one sign-up and shift), UNIQUE, so
 *   the same email can never be queued twice, and sent as the Message-ID so a receiver can drop a copy that a
 *   crash between the SMTP hand-over and "mark sent" made the next worker send again.
 * - `signup_for_shifts(…)`: the locked part of a sign-up in one round trip. It locks the shifts (ascending id)
 *   or the flexible opportunity, checks them, and writes the rows: places free → confirmed (or pending when the
 *   organisation confirms), otherwise the next waitlist position. A refusal comes back as one row with
 *   `r_refusal` set and nothing written. Same rules as the TypeScript it replaces; the CHECK/UNIQUE
 *   constraints of 2026-12-03T1000_signups still back it up. A flexible opportunity without total_places has
 *   no limit.
 * - `volunteer_profile`: a profile may hold only a year of birth (asked on the sign-up form for a minimum age):
 *   a home Gemeinde (or online only) is needed only once the volunteer opts in to suggestions. Frozen.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    create table signup_org_message (
      id integer generated always as identity primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      opportunity_id integer not null references opportunity (id) on delete cascade,
      shift_id integer references shift (id) on delete cascade,
      sender_id integer references app_user (id) on delete set null,
      body text not null check (length(body) between 1 and 2000),
      recipients integer not null check (recipients >= 0),
      created_at timestamptz not null default now()
    );
    create index signup_org_message_opportunity_idx on signup_org_message (opportunity_id, created_at desc);

    alter table outbox add column idempotency_key text check (length(idempotency_key) <= 200);
    create unique index outbox_idempotency_key on outbox (idempotency_key) where idempotency_key is not null;

    alter table volunteer_profile drop constraint volunteer_profile_check;
    alter table volunteer_profile add constraint volunteer_profile_home_check check (online_only or bfs_nr is not null or not suggestions_opt_in);

    create function signup_for_shifts(p_opportunity_id integer, p_user_id integer, p_shift_ids integer[], p_message text, p_now timestamptz)
      returns table (r_signup_id integer, r_shift_id integer, r_status text, r_position integer, r_already boolean, r_refusal text, r_refused_shift integer)
      language plpgsql
      as $fn$
      declare
        v_opp record;
        v_ids integer[];
        v_slot integer;
        v_row record;
        v_free integer;
        v_existing record;
        v_status text;
        v_position integer;
        v_id integer;
        v_count integer;
        v_has boolean;
      begin
        select o.status, o.schedule_kind, o.needs_confirmation into v_opp from opportunity o where o.id = p_opportunity_id;
        if not found or v_opp.status <> 'published' then
          return query select null::integer, null::integer, null::text, null::integer, null::boolean, 'unpublished'::text, null::integer;
          return;
        end if;
        v_count := coalesce(cardinality(p_shift_ids), 0);
        if v_opp.schedule_kind = 'flexible' then
          if v_count > 0 then
            return query select null::integer, null::integer, null::text, null::integer, null::boolean, 'shift_not_flexible'::text, null::integer;
            return;
          end if;
          perform 1 from opportunity o where o.id = p_opportunity_id for update;
          v_ids := array[null::integer];
        else
          if v_count = 0 then
            return query select null::integer, null::integer, null::text, null::integer, null::boolean, 'no_shift_chosen'::text, null::integer;
            return;
          end if;
          select array_agg(distinct x order by x) into v_ids from unnest(p_shift_ids) as x;
          select min(x) into v_slot from unnest(v_ids) as x
            where not exists (select 1 from shift s where s.id = x and s.opportunity_id = p_opportunity_id);
          if v_slot is not null then
            return query select null::integer, null::integer, null::text, null::integer, null::boolean, 'unknown_shift'::text, v_slot;
            return;
          end if;
          -- ascending id, so two requests for overlapping shifts never wait for each other in a circle
          for v_row in select s.id, s.starts_at, s.cancelled_at from shift s where s.id = any(v_ids) order by s.id for update loop
            if v_row.cancelled_at is not null then
              return query select null::integer, null::integer, null::text, null::integer, null::boolean, 'cancelled_shift'::text, v_row.id;
              return;
            end if;
            if v_row.starts_at <= p_now then
              return query select null::integer, null::integer, null::text, null::integer, null::boolean, 'past_shift'::text, v_row.id;
              return;
            end if;
          end loop;
        end if;

        -- an earlier sign-up that was declined (or attended …) for any of them refuses the whole request
        select su.shift_id into v_row from signup su
          where su.user_id = p_user_id and su.opportunity_id = p_opportunity_id
            and su.place_key = any(array(select coalesce(x::bigint, -p_opportunity_id::bigint) from unnest(v_ids) as x))
            and su.status not in ('pending','confirmed','waitlisted','offered','cancelled')
          order by su.id limit 1;
        if found then
          return query select null::integer, null::integer, null::text, null::integer, null::boolean, 'declined_before'::text, v_row.shift_id;
          return;
        end if;

        foreach v_slot in array v_ids loop
          if v_slot is not null then
            select s.places - s.places_taken into v_free from shift s where s.id = v_slot;
          else
            select case when o.total_places is null then 1 else o.total_places - o.places_taken end into v_free
              from opportunity o where o.id = p_opportunity_id;
          end if;
          select su.id, su.status, su.waitlist_position into v_existing from signup su
            where su.user_id = p_user_id and su.place_key = coalesce(v_slot::bigint, -p_opportunity_id::bigint);
          v_has := found;
          if v_has and v_existing.status in ('pending','confirmed','waitlisted','offered') then
            return query select v_existing.id, v_slot, v_existing.status, v_existing.waitlist_position, true, null::text, null::integer;
            continue;
          end if;
          if v_free > 0 then
            v_status := case when v_opp.needs_confirmation then 'pending' else 'confirmed' end;
            v_position := null;
          else
            v_status := 'waitlisted';
            select coalesce(max(su.waitlist_position), 0) + 1 into v_position from signup su
              where su.place_key = coalesce(v_slot::bigint, -p_opportunity_id::bigint);
          end if;
          if v_has then
            -- signing up again after cancelling: the same row comes back to life
            update signup set status = v_status, waitlist_position = v_position, message = p_message,
                confirmed_at = case when v_status = 'confirmed' then p_now end, offer_expires_at = null,
                cancelled_at = null, cancelled_by = null, cancelled_by_role = null, cancel_reason = null, updated_at = p_now
              where id = v_existing.id;
            v_id := v_existing.id;
          else
            insert into signup (opportunity_id, shift_id, user_id, status, waitlist_position, message, confirmed_at, updated_at)
              values (p_opportunity_id, v_slot, p_user_id, v_status, v_position, p_message,
                      case when v_status = 'confirmed' then p_now end, p_now)
              returning id into v_id;
          end if;
          return query select v_id, v_slot, v_status, v_position, false, null::text, null::integer;
        end loop;
      end $fn$;
`;

const DOWN = `
    drop function signup_for_shifts(integer, integer, integer[], text, timestamptz);
    alter table volunteer_profile drop constraint volunteer_profile_home_check;
    alter table volunteer_profile add constraint volunteer_profile_check check (online_only or bfs_nr is not null);
    drop index outbox_idempotency_key;
    alter table outbox drop column idempotency_key;
    drop table signup_org_message;
`;

// One statement per query (the PGlite driver uses the extended protocol). Statements end with ";" at the end of
// a line; inside the plpgsql body (between the $fn$ markers) such lines do not end a statement.
function statements(script: string) {
  const out: string[] = [];
  let current = "";
  let inBody = false;
  for (const line of script.split("\n")) {
    current += `${line}\n`;
    if ((line.match(/\$fn\$/g) ?? []).length % 2 === 1) inBody = !inBody;
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
