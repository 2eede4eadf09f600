create or replace function private.org_units_set_path() returns trigger
language plpgsql set search_path = '' as $$
declare
  parent public.org_units;
begin
  if new.parent_id is null then
    if new.level <> 'prefecture' then
      raise exception using errcode = '23514', message = 'org_units: only a 州/市 may have no parent',
        detail = '只有州/市级单位可以没有上级单位';
    end if;
    new.path := new.id::text;
    new.depth := 0;
  else
    select * into parent from public.org_units where id = new.parent_id;
    if parent.id is null then
      raise exception using errcode = '23503', message = 'org_units: parent not found', detail = '上级单位不存在';
    end if;
    if private.org_unit_level_rank(new.level) <> private.org_unit_level_rank(parent.level) + 1 then
      raise exception using errcode = '23514',
        message = format('org_units: a %s cannot sit under a %s', new.level, parent.level),
        detail = '下级单位的层级必须比上级低一级';
    end if;
    if parent.path like '%' || new.id::text || '%' then
      raise exception using errcode = '23514', message = 'org_units: a unit cannot move under itself', detail = '不能把单位移到自己的下级之下';
    end if;
    new.path := parent.path || '.' || new.id::text;
    new.depth := parent.depth + 1;
  end if;
  new.updated_at := now();
  return new;
end;
$$;
