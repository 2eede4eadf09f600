-- GB 11643-1999 check character (ISO 7064 MOD 11-2) of the first 17 digits.
create or replace function private.id_number_check_char(first17 text) returns text
language sql immutable
return substr('10X98765432', (
    (ascii(substr(first17, 1, 1)) - 48) * 7 + (ascii(substr(first17, 2, 1)) - 48) * 9 + (ascii(substr(first17, 3, 1)) - 48) * 10
  + (ascii(substr(first17, 4, 1)) - 48) * 5 + (ascii(substr(first17, 5, 1)) - 48) * 8 + (ascii(substr(first17, 6, 1)) - 48) * 4
  + (ascii(substr(first17, 7, 1)) - 48) * 2 + (ascii(substr(first17, 8, 1)) - 48) * 1 + (ascii(substr(first17, 9, 1)) - 48) * 6
  + (ascii(substr(first17, 10, 1)) - 48) * 3 + (ascii(substr(first17, 11, 1)) - 48) * 7 + (ascii(substr(first17, 12, 1)) - 48) * 9
  + (ascii(substr(first17, 13, 1)) - 48) * 10 + (ascii(substr(first17, 14, 1)) - 48) * 5 + (ascii(substr(first17, 15, 1)) - 48) * 8
  + (ascii(substr(first17, 16, 1)) - 48) * 4 + (ascii(substr(first17, 17, 1)) - 48) * 2) % 11 + 1, 1);
