-- Generic row trigger for any configuration table. Arguments (all optional):
--   1. the key column(s), comma-separated, for row_id (default 'id');
--   2. the column naming the row's unit, for read scope (default 'org_unit_id');
--   3. 'via_service': argument 2 names a column holding a service id, and the entry's unit is
--      that service's owning unit (grants and versions have no unit of their own).
-- e.g. `execute function private.audit_config_change('service_id,role_key,action', 'org_unit_id')`.
-- security definer: no API role may insert into audit_log, so entries cannot be forged; this
-- function is the only writer.
create or replace function private.audit_config_change() returns trigger
language plpgsql security definer set search_path = '' as $$
declare
  before_row jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) end;
  after_row jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) end;
  subject jsonb := coalesce(after_row, before_row);
  key_columns text[] := string_to_array(coalesce(tg_argv[0], 'id'), ',');
  unit_column text := coalesce(tg_argv[1], 'org_unit_id');
  unit_id uuid := (subject ->> unit_column)::uuid;
begin
  if tg_op = 'UPDATE' and before_row = after_row then
    return null;
  end if;
  if tg_argv[2] = 'via_service' then
    select s.owner_org_unit_id into unit_id from public.services s where s.id = unit_id;
  end if;
  insert into public.audit_log (table_name, row_id, action, actor, org_unit_id, before, after)
  values (
    tg_table_name,
    (select string_agg(subject ->> k.name, ',' order by k.ord) from unnest(key_columns) with ordinality as k(name, ord)),
    lower(tg_op),
    (select auth.uid()),
    unit_id,
    before_row,
    after_row
  );
  return null;
end;
$$;
