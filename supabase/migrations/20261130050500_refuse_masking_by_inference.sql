-- No masking by inference (issue #7, item 11; DESIGN.md §6: "A sensitive field never controls
-- what a non-sensitive one shows. Masks leave at least 10,000 candidates given everything else
-- shown in clear"). docs/security-model.md gives the reasoning and the figures.
--
-- 1. The definition check refuses a sensitive field that controls another field's visibleWhen
--    or requiredWhen (code sensitive_controls_field, path fields[i].visibleWhen.field, both
--    field keys in the bilingual message), as src/services/cross-check-fields.ts does. Whether
--    a field is shown, required and filled is in clear for every reader, so the condition's
--    answer leaked through it (veteran_card's masked card_type was inferable on 39 of 39 demo
--    records). Refused rather than making the dependants sensitive: an empty answer stays empty
--    when masked, so a sensitive dependant still tells whether it was shown.
--    definition_error and check_service_definition are re-created from their live bodies
--    (20261126040300_make_service_grants_editable.sql) with this one rule added.
--
-- 2. The ID-number mask keeps the first 3 characters and the last one (433**************5)
--    instead of the first 6 and last 4 (433101********0045). With the age in clear (elderly
--    benefit) and the region known from the record's unit, 6 + 4 left about 34 candidates: the
--    last four are the whole sequence number and the check character, so only the birth day
--    within one year was unknown. 3 + 1 leaves the birth day (≈365) × the sequence number
--    (500 once the sex is guessed from the name) ÷ 11 (the check character) ≈ 16,600;
--    scripts/measure-id-mask.ts counts it on the demo data. src/field-types/mask.ts agrees.
--    Stored masks (records.data and the history's diffs) are re-masked: the new mask keeps a
--    subset of the old one's characters, so masking the old mask gives the new one.

-- (Folded on 2026-11-30: the body of private.definition_error lives in supabase/routines/private/definition_error.sql,
-- created in 20261126010100_create_services.sql.)

-- (Folded on 2026-11-30: the body of private.check_service_definition lives in supabase/routines/private/check_service_definition.sql,
-- created in 20261126010100_create_services.sql.)

-- private.mask_id_number is created earlier, in 20261126040000_split_sensitive_record_values.sql, before private.mask_answer,
-- whose body calls it: supabase/routines/private/mask_id_number.sql.

-- (Folded on 2026-11-30: the body of private.mask_answer lives in supabase/routines/private/mask_answer.sql,
-- created in 20261126040000_split_sensitive_record_values.sql.)

-- Re-mask what is stored. Both tables refuse direct writes (the records guard and validation
-- triggers, the history's append-only trigger); this one-off rewrite only shortens masks, so it
-- runs with their triggers off, inside this migration's transaction.
create function pg_temp.remask_ids(p_fields jsonb, p_data jsonb, p_pairs boolean) returns jsonb
language sql immutable as $$
  select coalesce(p_data || (
    select jsonb_object_agg(f ->> 'key', case
             when p_pairs and jsonb_typeof(p_data -> (f ->> 'key')) = 'array' then
               jsonb_build_array(coalesce(private.mask_answer(f, p_data -> (f ->> 'key') -> 0), 'null'),
                                 coalesce(private.mask_answer(f, p_data -> (f ->> 'key') -> 1), 'null'))
             else private.mask_answer(f, p_data -> (f ->> 'key')) end)
      from jsonb_array_elements(p_fields) f
     where f ->> 'type' = 'id_number' and p_data ? (f ->> 'key') and jsonb_typeof(p_data -> (f ->> 'key')) <> 'null'
  ), p_data)
$$;

alter table public.records disable trigger user;
update public.records r
   set data = pg_temp.remask_ids(v.sensitive_fields, r.data, false)
  from public.service_versions v
 where v.service_id = r.service_id and v.version = r.service_version
   and jsonb_path_exists(v.sensitive_fields, '$[*] ? (@.type == "id_number")');
alter table public.records enable trigger user;

alter table public.record_events disable trigger user;
update public.record_events e
   set diff = pg_temp.remask_ids(v.sensitive_fields, e.diff, true)
  from public.records r
  join public.service_versions v on v.service_id = r.service_id and v.version = r.service_version
 where r.id = e.record_id and e.diff is not null
   and jsonb_path_exists(v.sensitive_fields, '$[*] ? (@.type == "id_number")');
alter table public.record_events enable trigger user;
