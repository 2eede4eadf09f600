-- What the record form needs about a picked person before filing (issue 12, items 5 and 6 in the
-- browser): {"age": full years today, China time (null before birth or without a birth date),
-- "tags": the keys of the tags current today} — what the eligibility check of the database reads
-- (private.resident_facts) on the filing date, so the form can show the derived age and check
-- eligibility[] with the database's words before submit.
-- Who may: whoever reads the person (the registry's RLS on residents: their grid in the reader's
-- scope, or a participant of a record about them); anyone else — and an id naming nobody — is
-- refused alike, resident_not_found 404, as unmask_resident_field says it.
-- Why only today: the age in full years is already shown in clear on records, but asked for on
-- chosen days it would give the birth date away (the day it steps up), and the full birth date is
-- private (docs/residents.md). p_on other than today is refused (facts_date_not_today 400);
-- null or left out = today.
-- Sensitive tag kinds (resident_tag_kinds.sensitive: 低保, 残疾人 …) are reported only to a
-- caller whose role holds view_sensitive at the person's grid or above, as resident_tags' policy
-- shows them. Anyone else gets them left out and "hidden_kinds": the keys of every sensitive
-- kind — all of them, whether or not the person holds one, so the answer says nothing about the
-- person — and the form leaves rules on those kinds to the database, whose own check
-- (private.resident_facts) reads every tag. A holder gets "hidden_kinds": [].
-- security invoker: reading the person under the caller's RLS is the check; the birth date and
-- the tags are then read by private.resident_facts (security definer).
create or replace function public.resident_facts(p_resident_id uuid, p_on date default null) returns jsonb
language plpgsql stable security invoker set search_path = '' as $$
declare
  facts jsonb;
  grid uuid;
  hidden text[] := '{}';
begin
  if p_on is not null and p_on <> private.local_today() then
    perform private.raise_record_error('PT400', 'facts_date_not_today',
      '只能查询今天的年龄和标签 / Age and tags can be asked for today only');
  end if;
  select r.grid_org_unit_id into grid from public.residents r where r.id = p_resident_id;
  if grid is null then
    perform private.raise_record_error('PT404', 'resident_not_found', '居民不存在或无权访问 / No such resident, or not yours to see');
  end if;
  facts := private.resident_facts(p_resident_id, private.local_today());
  if not (grid = any (private.my_scope_units('view_sensitive'))) then
    hidden := private.sensitive_tag_keys();
    facts := jsonb_set(facts, '{tags}', coalesce((select jsonb_agg(t order by t) from jsonb_array_elements_text(facts -> 'tags') t
                                                  where not t = any (hidden)), '[]'));
  end if;
  return facts || jsonb_build_object('hidden_kinds', to_jsonb(hidden));
end;
$$;

revoke execute on function public.resident_facts(uuid, date) from public, anon;
grant execute on function public.resident_facts(uuid, date) to authenticated, service_role;
