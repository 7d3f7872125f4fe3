/**
 * The sign-up race (issue 10): the row lock of a shift is held for one statement, not for a transaction.
 *
 * `sign_up_with_email(…)` calls signup_for_shifts() (2026-12-03T1330_signup_org) and, in the same statement,
 * writes the volunteer's email to the outbox and (when the form asked for it) the year of birth to the profile.
 * The caller renders the three possible emails (confirmed, pending, waitlisted) before it calls, with a token
 * standing for the new sign-up's id and one for its waitlist position; the function picks the one that matches
 * the outcome and puts the numbers in. Called on its own (autocommit), the shift's lock is taken and released
 * inside the database: no round trip to the application (and no wait in its event loop) while others queue on it.
 *
 * One slot per call (one shift, or a flexible opportunity); a request for several shifts writes one email per
 * outcome kind listing its shifts, which cannot be rendered ahead, and keeps the transaction around
 * signup_for_shifts(). Frozen.
 */
import { type Kysely, sql } from "kysely";

const UP = `
    create function sign_up_with_email(p_opportunity_id integer, p_user_id integer, p_shift_ids integer[], p_message text, p_now timestamptz,
                                       p_emails jsonb, p_id_token text, p_position_token text, p_birth_year integer)
      returns table (r_signup_id integer, r_shift_id integer, r_status text, r_position integer, r_already boolean, r_refusal text, r_refused_shift integer)
      language plpgsql
      as $fn$
      declare
        v_row record;
        v_email jsonb;
        v_fresh boolean := false;
      begin
        if coalesce(cardinality(p_shift_ids), 0) > 1 then
          raise exception 'sign_up_with_email: one shift at most, got %', cardinality(p_shift_ids);
        end if;
        for v_row in select * from signup_for_shifts(p_opportunity_id, p_user_id, p_shift_ids, p_message, p_now) loop
          return query select v_row.r_signup_id, v_row.r_shift_id, v_row.r_status, v_row.r_position, v_row.r_already, v_row.r_refusal, v_row.r_refused_shift;
          if v_row.r_refusal is null and not v_row.r_already then
            v_fresh := true;
            v_email := p_emails -> v_row.r_status;
            if v_email is not null then
              insert into outbox (recipient, subject, text_body, html_body, template)
                values (v_email ->> 'recipient',
                        replace(replace(v_email ->> 'subject', p_id_token, v_row.r_signup_id::text), p_position_token, coalesce(v_row.r_position::text, '')),
                        replace(replace(v_email ->> 'text', p_id_token, v_row.r_signup_id::text), p_position_token, coalesce(v_row.r_position::text, '')),
                        replace(replace(v_email ->> 'html', p_id_token, v_row.r_signup_id::text), p_position_token, coalesce(v_row.r_position::text, '')),
                        v_email ->> 'template');
            end if;
          end if;
        end loop;
        if v_fresh and p_birth_year is not null then
          insert into volunteer_profile (user_id, birth_year) values (p_user_id, p_birth_year)
            on conflict (user_id) do update set birth_year = excluded.birth_year, updated_at = p_now;
        end if;
      end $fn$;
`;

const DOWN = `
    drop function sign_up_with_email(integer, integer, integer[], text, timestamptz, jsonb, text, text, integer);
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
