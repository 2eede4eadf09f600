-- One phone canonicalisation for what a person types, shared with the SPA's canonicalPhone
-- (src/lib/domain/phone.ts); tests/shared/phone-canonical.json holds the corpus both must agree on.
-- The result is GoTrue's stored form: E.164 digits without "+". A bare 11-digit number starting
-- with 1 is a mainland mobile (+86); any other country needs "+" or "00". NFKC-normalised first,
-- so digits and "+" typed with a Chinese IME in full width (１３８…, ＋８６…) count.
--
-- Never apply it to auth.users.phone: that is already E.164 and "13939257541" stored there is the
-- US number +1 393 925 7541, which this function would read as +86 139 3925 7541.
--
-- plpgsql, not sql: a sql function with `set search_path` is never inlined and is planned again
-- each time the statement calling it runs (once per row inside the blind-index trigger, ≈ 0.1 ms
-- per call, measured seeding records); plpgsql keeps its plans for the session.
create or replace function private.canonical_phone(p_phone text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  d text := regexp_replace(btrim(normalize(p_phone, nfkc)), '[\s()-]', '', 'g');
begin
  d := case when d like '+%' then substr(d, 2)
            when d like '00%' then substr(d, 3)
            when d ~ '^1[0-9]{10}$' then '86' || d
            else d end;
  return case when d ~ '^[1-9][0-9]{6,14}$' then d end;
end;
$$;

comment on function private.canonical_phone(text) is
  'A typed phone number as E.164 digits without "+" (+86 default for 11-digit mobiles), or null. Not for auth.users.phone.';
