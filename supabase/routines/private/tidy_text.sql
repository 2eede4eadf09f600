-- The text without leading and trailing whitespace and invisible characters; null stays null.
-- (A literal pattern, not invisible_class(), so the regular expression is compiled once.)
create or replace function private.tidy_text(p_text text) returns text
language sql immutable
return regexp_replace(p_text,
  '^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]+|[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]+$',
  '', 'g');
