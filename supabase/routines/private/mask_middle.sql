-- Keeps the first `head` and last `tail` characters and stars the rest (at least one star).
create or replace function private.mask_middle(value text, head int, tail int) returns text
language sql immutable
return case
  when char_length(value) <= head + tail then private.mask_generic(value)
  else left(value, head) || repeat('*', char_length(value) - head - tail) || right(value, tail)
end;
