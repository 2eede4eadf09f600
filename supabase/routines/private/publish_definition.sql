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
