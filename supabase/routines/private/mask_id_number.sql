-- 433101199001010045 → 433**************5 (province and first digit of the city, check character).
create or replace function private.mask_id_number(value text) returns text
language sql immutable
return private.mask_middle(value, 3, 1);

revoke execute on function private.mask_id_number(text) from public, anon;
grant execute on function private.mask_id_number(text) to authenticated, service_role;
