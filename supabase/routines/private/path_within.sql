create or replace function private.path_within(p_path text, p_roots text[]) returns boolean
language sql immutable set search_path = '' as $$
  select exists (select 1 from unnest(p_roots) r where p_path = r or p_path like r || '.%')
$$;
