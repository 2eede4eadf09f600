create or replace function private.is_terminal_status(p_definition jsonb, p_status text) returns boolean
language sql immutable set search_path = '' as $$
  select exists (select 1 from jsonb_array_elements(p_definition #> '{workflow,states}') s
                  where s ->> 'key' = p_status and s -> 'terminal' = 'true'::jsonb)
$$;
