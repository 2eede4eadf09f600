create or replace function private.handle_new_user() returns trigger
language plpgsql security definer set search_path = '' as $$
-- security definer: runs inside GoTrue's insert into auth.users, whose role cannot write public tables.
begin
  insert into public.profiles (id, display_name, email, phone)
  values (
    new.id,
    coalesce(nullif(new.raw_user_meta_data ->> 'display_name', ''), nullif(new.raw_user_meta_data ->> 'name', ''),
             split_part(coalesce(new.email, ''), '@', 1), coalesce(new.phone, '')),
    new.email,
    new.phone
  )
  on conflict (id) do nothing;
  return new;
end;
$$;
