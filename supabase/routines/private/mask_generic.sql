-- 吴秀兰 → 吴*兰, 张三 → 张*, 李 → *.
create or replace function private.mask_generic(value text) returns text
language sql immutable
return case
  when char_length(value) <= 1 then repeat('*', char_length(value))
  when char_length(value) = 2 then left(value, 1) || '*'
  else left(value, 1) || repeat('*', char_length(value) - 2) || right(value, 1)
end;
