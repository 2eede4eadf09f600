create or replace function private.is_blank_text(p_text text) returns boolean
language sql immutable
return coalesce(private.tidy_text(p_text), '') = '';
