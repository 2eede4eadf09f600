-- Keeps a resident's raw ID number (18 characters, already normalised and checked), the birth
-- date it states and their phone in private.resident_sensitive_values, with the blind index
-- (HMAC) of each, and returns null; or, when another resident already holds that ID number,
-- stores nothing and returns that resident's id (the trigger refuses the write and says whether
-- the caller may see them). The unique index on the digest makes the rule hold under concurrent
-- writes too (then the loser gets Postgres's 23505). p_id_number null: keep the stored number;
-- p_set_phone false: keep the stored phone.
-- A duplicate is found by an indexed lookup, not by catching unique_violation: an exception
-- block is a subtransaction per row, which an import of 50,000 rows should not pay.
-- security definer: nobody else reads or writes the private table; the residents trigger has
-- checked the caller's scope first.
create or replace function private.store_resident_sensitive_values(
  p_is_insert boolean, p_resident_id uuid, p_id_number text, p_set_phone boolean, p_phone text
) returns uuid
language plpgsql security definer set search_path = '' as $$
declare
  id_digest bytea := case when p_id_number is not null then private.blind_index(p_id_number) end;
  holder uuid;
begin
  if id_digest is not null then
    select v.resident_id into holder from private.resident_sensitive_values v
     where v.id_number_digest = id_digest and v.resident_id <> p_resident_id;
    if holder is not null then
      return holder;
    end if;
  end if;
  if p_is_insert then
    -- An INSERT naming an existing resident's id (an upsert) must not overwrite their numbers.
    if exists (select 1 from private.resident_sensitive_values v where v.resident_id = p_resident_id) then
      return p_resident_id;
    end if;
    insert into private.resident_sensitive_values (resident_id, id_number, birth_date, id_number_digest, phone, phone_digest)
    values (p_resident_id, p_id_number, private.answer_birth_date('id_number', to_jsonb(p_id_number)), id_digest,
            p_phone, private.blind_index(p_phone));
  else
    update private.resident_sensitive_values v
       set id_number = coalesce(p_id_number, v.id_number),
           birth_date = coalesce(private.answer_birth_date('id_number', to_jsonb(p_id_number)), v.birth_date),
           id_number_digest = coalesce(id_digest, v.id_number_digest),
           phone = case when p_set_phone then p_phone else v.phone end,
           phone_digest = case when p_set_phone then private.blind_index(p_phone) else v.phone_digest end
     where v.resident_id = p_resident_id;
  end if;
  return null;
end;
$$;

revoke execute on function private.store_resident_sensitive_values(boolean, uuid, text, boolean, text) from public, anon;
grant execute on function private.store_resident_sensitive_values(boolean, uuid, text, boolean, text) to authenticated, service_role;
