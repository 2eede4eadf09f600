-- 13812345678 → 138****5678; 0743-8221234 → 0743-*****34 (area code kept). At least 10,000
-- numbers fit each mask: a mobile hides 4 free digits, a landline all but the last 2 of its local
-- number. src/field-types/mask.ts (maskPhone) agrees.
create or replace function private.mask_phone(value text) returns text
language sql immutable
return case
  when value ~ '^0[0-9]{2,3}-?[0-9]+$' then
    substring(value from '^(0[0-9]{2,3}-?)[0-9]+$')
    || private.mask_middle(substr(value, char_length(substring(value from '^(0[0-9]{2,3}-?)[0-9]+$')) + 1), 0, 2)
  else private.mask_middle(value, 3, 4)
end;
