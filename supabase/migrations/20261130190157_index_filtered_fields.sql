-- Lists at a leader's scale filter, count and sort on service fields. Those live in records.data,
-- and under RLS no index on `data` serves them (JSON operators are not leakproof: STACK.md; a
-- JSON field filter + count was 28× a typed table for a county-wide reader at 200k records).
-- Records gain typed "index slot" columns (idx_text_1‥6, idx_num_1‥2), each with a btree index
-- led by the service; every service maps the fields its list filters and sorts on to slots
-- (services.indexed_fields, assigned at publish, never moved), the validation trigger copies the
-- answers there, and lists query the slot instead of `data`. No DDL at runtime: the slots are
-- fixed, a service's fields are assigned to them. Existing services and records are mapped and
-- filled here.
-- Routines between "-- routine:" and "-- end routine" are copies written by
-- `npm run db:migration`; edit supabase/routines/, never the copy.

-- Hand-written DDL the routines rely on (tables, columns, types), or nothing.

alter table public.services add column indexed_fields jsonb not null default '{}'::jsonb
  constraint services_indexed_fields_object check (jsonb_typeof(indexed_fields) = 'object');
comment on column public.services.indexed_fields is 'Field key → typed index slot column of records (idx_text_N / idx_num_N) that lists filter and sort on; assigned at publish, never moved.';

alter table public.records
  add column idx_text_1 text, add column idx_text_2 text, add column idx_text_3 text,
  add column idx_text_4 text, add column idx_text_5 text, add column idx_text_6 text,
  add column idx_num_1 numeric, add column idx_num_2 numeric;
comment on column public.records.idx_text_1 is 'Index slot: a copy of the answer services.indexed_fields maps here (text), for filters and sorts under RLS. Written by the validation trigger only.';
comment on column public.records.idx_num_1 is 'Index slot: a copy of the number answer services.indexed_fields maps here, for filters and sorts under RLS. Written by the validation trigger only.';

-- routine: supabase/routines/private/indexed_answers.sql
-- Every index slot column of a record, from its answers and its service's map field key → column
-- (indexed_field_columns): the mapped ones hold the answer (text, or a number for idx_num_*),
-- all others null, so nothing a client sent in a slot survives. For jsonb_populate_record.
create or replace function private.indexed_answers(p_data jsonb, p_columns jsonb) returns jsonb
language sql immutable set search_path = '' as $$
  select '{"idx_text_1": null, "idx_text_2": null, "idx_text_3": null, "idx_text_4": null, "idx_text_5": null,
           "idx_text_6": null, "idx_num_1": null, "idx_num_2": null}'::jsonb
         || coalesce(jsonb_object_agg(m.col,
              case when m.col like 'idx_num_%' then case when jsonb_typeof(p_data -> m.key) = 'number' then p_data -> m.key end
                   else to_jsonb(p_data ->> m.key) end), '{}'::jsonb)
    from jsonb_each_text(coalesce(p_columns, '{}'::jsonb)) m(key, col)
$$;

comment on function private.indexed_answers(jsonb, jsonb) is 'The values of records'' index slot columns for these answers and this service''s field → column map; unmapped slots null.';
-- end routine

-- routine: supabase/routines/private/indexed_field_columns.sql
-- Which fields of a service live, besides in `data`, in one of the typed "index slot" columns of
-- records (idx_text_1‥6, idx_num_1‥2), so that lists filter, count and sort on them through a
-- btree index under RLS (JSON operators are not leakproof, so under RLS no index on `data`
-- serves a filter: STACK.md). Returns the service's map field key → column: the current one
-- kept as it is (a field never moves: records already hold its value there), plus free slots for
-- the new definition's fields, default sort first, then the list's filterable fields in order.
-- Only short, single, non-sensitive values get a slot: select, boolean, date, datetime, org_unit
-- and user answers as text; number and money as numeric. When the slots run out, a field stays
-- in `data` only (correct, slower at scale).
create or replace function private.indexed_field_columns(p_current jsonb, p_definition jsonb) returns jsonb
language plpgsql immutable set search_path = '' as $$
declare
  columns jsonb := coalesce(p_current, '{}'::jsonb);
  candidate text;
  field jsonb;
  kind text;
  free text;
begin
  for candidate in
    select k.key from (
      select p_definition #>> '{list,defaultSort,field}' as key, 0 as rank
      union all
      select f.key, f.ordinality from jsonb_array_elements_text(coalesce(p_definition #> '{list,filterable}', '[]')) with ordinality f(key, ordinality)
    ) k where k.key is not null group by k.key order by min(k.rank)
  loop
    continue when columns ? candidate;
    select f into field from jsonb_array_elements(p_definition -> 'fields') f where f ->> 'key' = candidate;
    continue when field is null or coalesce((field ->> 'sensitive')::boolean, false) or coalesce((field ->> 'multiple')::boolean, false);
    kind := case
      when field ->> 'type' in ('select', 'boolean', 'date', 'datetime', 'org_unit', 'user') then 'text'
      when field ->> 'type' in ('number', 'money') then 'num'
    end;
    continue when kind is null;
    select c into free
      from generate_series(1, case kind when 'text' then 6 else 2 end) i, lateral (select format('idx_%s_%s', kind, i) as c) n
     where not exists (select 1 from jsonb_each_text(columns) e where e.value = n.c)
     order by i limit 1;
    continue when free is null;
    columns := columns || jsonb_build_object(candidate, free);
  end loop;
  return columns;
end;
$$;

comment on function private.indexed_field_columns(jsonb, jsonb) is 'A service''s map field key → typed index column of records (idx_text_N / idx_num_N), extended for a new definition; existing entries never move.';
-- end routine

-- routine: supabase/routines/private/publish_definition.sql
-- Freezes a definition as the service's next version and makes it current. Grants: see the
-- header — the first version seeds them, later ones apply their permission changes only.
-- Callers have checked the definition and the caller's right to publish. Fields the new version
-- indexes for the first time (indexed_field_columns) get their slot filled in the service's
-- existing records, as an engine write ('import' mode: the guard lets it through, and neither
-- data nor row_version changes).
create or replace function private.publish_definition(p_service_id uuid, p_definition jsonb, p_actor uuid) returns int
language plpgsql security definer set search_path = '' as $$
-- security definer: also used by the seed and template installs, where no user is signed in.
declare
  next_version int;
  previous jsonb;
  indexed_before jsonb;
  indexed_after jsonb;
  write_mode text := current_setting('app.record_write', true);
begin
  select v.definition into previous
    from public.services s join public.service_versions v on v.service_id = s.id and v.version = s.current_version
   where s.id = p_service_id;
  select s.indexed_fields into indexed_before from public.services s where s.id = p_service_id;
  indexed_after := private.indexed_field_columns(indexed_before, p_definition);
  select coalesce(max(version), 0) + 1 into next_version from public.service_versions where service_id = p_service_id;
  insert into public.service_versions (service_id, version, definition, published_by)
  values (p_service_id, next_version, p_definition, p_actor);
  update public.services
     set current_version = next_version,
         status = 'published',
         draft = null,
         draft_removed_fields = '[]',
         name = p_definition ->> 'name',
         category = coalesce(p_definition ->> 'category', ''),
         icon = coalesce(p_definition ->> 'icon', ''),
         description = coalesce(p_definition ->> 'description', ''),
         row_version = row_version + 1,
         updated_at = now(),
         updated_by = p_actor,
         indexed_fields = indexed_after
   where id = p_service_id;
  if indexed_after <> indexed_before then
    perform set_config('app.record_write', 'import', true);
    update public.records r
       set (idx_text_1, idx_text_2, idx_text_3, idx_text_4, idx_text_5, idx_text_6, idx_num_1, idx_num_2) =
           (select x.idx_text_1, x.idx_text_2, x.idx_text_3, x.idx_text_4, x.idx_text_5, x.idx_text_6, x.idx_num_1, x.idx_num_2
              from jsonb_populate_record(null::public.records, private.indexed_answers(r.data, indexed_after)) x)
     where r.service_id = p_service_id;
    perform set_config('app.record_write', coalesce(write_mode, ''), true);
  end if;
  delete from public.service_role_grants g
   where g.service_id = p_service_id
     and (g.role_key, g.action) in (select * from private.definition_grants(previous)
                                    except select * from private.definition_grants(p_definition));
  insert into public.service_role_grants (service_id, role_key, action)
  select p_service_id, n.role_key, n.action
    from (select * from private.definition_grants(p_definition) except select * from private.definition_grants(previous)) n
  on conflict do nothing;
  -- read removed by this version takes with it the actions that need it, even ones an
  -- administrator had granted live (a role never holds them without read)
  delete from public.service_role_grants g
   where g.service_id = p_service_id
     and g.action = any (private.actions_needing_read())
     and not exists (select 1 from public.service_role_grants x where x.service_id = p_service_id and x.role_key = g.role_key and x.action = 'read');
  return next_version;
end;
$$;
-- end routine

-- routine: supabase/routines/private/records_validate_data.sql
-- BEFORE INSERT OR UPDATE of data: fill the definition's defaults on insert (not for imports,
-- whose records keep what they had), validate the raw answers against the record's own frozen
-- version (checked_record_data also recomputes derived values from the raw answers, before any
-- masking), then keep them masked in data and raw aside. On UPDATE, answers sent back as stored
-- (masked) first get their raw value back, so they are validated and kept as they were, and the
-- record-unit answer may not change. Last, the answers the service indexes are copied to their
-- typed slot columns (indexed_answers), which lists filter and sort on.
create or replace function private.records_validate_data() returns trigger
language plpgsql set search_path = '' as $$
declare
  version record;
  unit_field text;
  indexed jsonb;
begin
  select v.definition, v.sensitive_fields into version
    from public.service_versions v where v.service_id = new.service_id and v.version = new.service_version;
  select s.indexed_fields into indexed from public.services s where s.id = new.service_id;
  -- The record-unit answer is where the record is (set on insert; escalation moves org_unit_id
  -- instead): an edit may not change it, whatever the form shows.
  if tg_op = 'UPDATE' and private.record_write_mode() <> 'import' then
    unit_field := private.record_unit_field(version.definition);
    if unit_field is not null and new.data -> unit_field is distinct from old.data -> unit_field then
      raise exception using errcode = 'PT400', message = 'record_unit_fixed',
        hint = '记录所属单位在提交时确定，不能修改；需要移交请使用流程操作 / The record''s unit is set when it is filed and cannot be edited; use a workflow action to hand it on';
    end if;
  end if;
  if tg_op = 'UPDATE' and version.sensitive_fields <> '[]'::jsonb then
    new.data := private.restore_kept_answers(version.sensitive_fields, new.data, old.data, private.sensitive_answers_of(old.id));
  end if;
  if tg_op = 'INSERT' and private.record_write_mode() <> 'import' then
    new.data := private.fill_record_defaults(version.definition, new.data);
  end if;
  new.data := private.checked_record_data(version.definition, new.data);
  if version.sensitive_fields <> '[]'::jsonb then
    new.data := private.store_sensitive_answers(tg_op = 'INSERT', new.id, version.sensitive_fields, new.data);
  end if;
  new := jsonb_populate_record(new, private.indexed_answers(new.data, indexed));
  return new;
end;
$$;
-- end routine

-- Hand-written DDL that names the routines (triggers, policies, grants), or nothing.

-- Led by the service (every list names one), then the value; `id` last so a sort on the slot
-- with the list's id tiebreak in the same direction reads the index in order; org_unit_id
-- included so the records policy is checked without visiting the table.
create index records_idx_text_1_idx on public.records (service_id, idx_text_1, id) include (org_unit_id) where deleted_at is null;
create index records_idx_text_2_idx on public.records (service_id, idx_text_2, id) include (org_unit_id) where deleted_at is null;
create index records_idx_text_3_idx on public.records (service_id, idx_text_3, id) include (org_unit_id) where deleted_at is null;
create index records_idx_text_4_idx on public.records (service_id, idx_text_4, id) include (org_unit_id) where deleted_at is null;
create index records_idx_text_5_idx on public.records (service_id, idx_text_5, id) include (org_unit_id) where deleted_at is null;
create index records_idx_text_6_idx on public.records (service_id, idx_text_6, id) include (org_unit_id) where deleted_at is null;
create index records_idx_num_1_idx on public.records (service_id, idx_num_1, id) include (org_unit_id) where deleted_at is null;
create index records_idx_num_2_idx on public.records (service_id, idx_num_2, id) include (org_unit_id) where deleted_at is null;

revoke execute on function private.indexed_field_columns(jsonb, jsonb) from public, anon;
revoke execute on function private.indexed_answers(jsonb, jsonb) from public, anon;
-- the validation trigger runs as the writer
grant execute on function private.indexed_answers(jsonb, jsonb) to authenticated, service_role;

-- Services published before this migration: map their current definition's fields and fill the
-- slots of their records (an engine write: the guard admits 'import'; data is unchanged, so the
-- validation trigger does not run).
update public.services s
   set indexed_fields = private.indexed_field_columns('{}', v.definition)
  from public.service_versions v
 where v.service_id = s.id and v.version = s.current_version;
select set_config('app.record_write', 'import', true);
update public.records r
   set (idx_text_1, idx_text_2, idx_text_3, idx_text_4, idx_text_5, idx_text_6, idx_num_1, idx_num_2) =
       (select x.idx_text_1, x.idx_text_2, x.idx_text_3, x.idx_text_4, x.idx_text_5, x.idx_text_6, x.idx_num_1, x.idx_num_2
          from jsonb_populate_record(null::public.records, private.indexed_answers(r.data, s.indexed_fields)) x)
  from public.services s
 where s.id = r.service_id and s.indexed_fields <> '{}';
select set_config('app.record_write', '', true);
