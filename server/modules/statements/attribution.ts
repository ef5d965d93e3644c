import { sql, type RawBuilder } from 'kysely';

/*
 * Who caused a ledger entry and where an SMS went. A subaccount that shares its primary's balance spends
 * from the primary's account, so the entry's `api_key` is the primary's: the message (`sms:<id>`, its
 * first part's id) names the sender and the country, and a number's charges (`number:<msisdn>`) were
 * caused by whoever rented it at the time (a transfer between accounts starts a new rental). Both look
 * up one row by key per entry. Written over the alias `l` of `ledger_entries`.
 */

export const usedBy: RawBuilder<string> = sql<string>`coalesce(case
  when l.kind = 'usage' then (select m.api_key from messages m where m.id = substr(l.reference, 5))
  when l.kind in ('number_setup', 'number_rental') then (
    select r.api_key from number_rentals r where r.msisdn = substr(l.reference, 8) and r.created_at <= l.created_at order by r.created_at desc limit 1)
  end, l.api_key)`;

export const smsCountry: RawBuilder<string | null> = sql<string | null>`case
  when l.kind = 'usage' then (select m.country from messages m where m.id = substr(l.reference, 5))
  end`;
