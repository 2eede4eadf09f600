-- A display name is trimmed, not blank (zero-width characters are blank), at most 60
-- characters; updated_at moves only when something changed.
create or replace function private.profiles_before_update() returns trigger
language plpgsql set search_path = '' as $$
begin
  if new.display_name is distinct from old.display_name then
    new.display_name := coalesce(private.free_text(new.display_name, 60, '姓名', 'display name'), '');
    if new.display_name = '' then
      perform private.raise_record_error('PT400', 'display_name_required', '请填写姓名 / Enter a display name');
    end if;
  end if;
  new.created_at := old.created_at;
  if (new.display_name, new.email, new.phone) is not distinct from (old.display_name, old.email, old.phone) then
    new.updated_at := old.updated_at;
  else
    new.updated_at := now();
  end if;
  return new;
end;
$$;
