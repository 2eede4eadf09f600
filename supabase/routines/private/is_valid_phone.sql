-- Mobile 1[3-9] + 9 digits; landline 0 + 2–3 digit area code, optional hyphen, 7–8 digits.
create or replace function private.is_valid_phone(answer text, kind text) returns boolean
language sql immutable
return case coalesce(kind, 'any')
  when 'mobile' then answer ~ '^1[3-9][0-9]{9}$'
  when 'landline' then answer ~ '^0[0-9]{2,3}-?[0-9]{7,8}$'
  else answer ~ '^1[3-9][0-9]{9}$' or answer ~ '^0[0-9]{2,3}-?[0-9]{7,8}$'
end;
