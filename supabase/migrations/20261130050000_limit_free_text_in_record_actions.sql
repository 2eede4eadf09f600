-- Free text sent to the record RPCs is bounded and blank text is no text (issue #7, item 6).
-- Before this, an 8 MB comment went into the undeletable history, and a comment of zero-width
-- spaces passed a required-comment check because it is not whitespace to btrim or to
-- JavaScript's trim().
--
-- Limits (characters, counted after trimming, like the form counts them): comments 2,000;
-- reasons 500 (delete reasons here, unmask reasons in 20261130050300). Text made only of
-- whitespace and invisible characters (zero-width space/joiners, BOM, word joiner, soft hyphen,
-- bidi marks, variation selectors, Hangul fillers …) counts as blank. Refusals are PT400 with
-- a stable message the SPA maps and a bilingual hint, never a 500.
--
-- The record RPCs are re-created from their live bodies (transition_record:
-- 20261126040100_mask_sensitive_values_in_record_actions.sql; comment_record, delete_record:
-- 20261126010300_create_record_actions.sql); only the comment and reason handling changed.
-- The columns get check constraints as well, so no later writer can bypass the limits.

-- Whitespace (JavaScript trim()'s set plus U+0085) and characters that print nothing.
create function private.invisible_class() returns text
language sql immutable
return '[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]';

-- routine: supabase/routines/private/tidy_text.sql
-- The text without leading and trailing whitespace and invisible characters; null stays null.
-- (A literal pattern, not invisible_class(), so the regular expression is compiled once.)
create or replace function private.tidy_text(p_text text) returns text
language sql immutable
return regexp_replace(p_text,
  '^[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]+|[\u0009-\u000d\u0020\u0085\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]+$',
  '', 'g');
-- end routine

-- routine: supabase/routines/private/is_blank_text.sql
create or replace function private.is_blank_text(p_text text) returns boolean
language sql immutable
return coalesce(private.tidy_text(p_text), '') = '';
-- end routine

drop function private.invisible_class();

-- routine: supabase/routines/private/free_text.sql
-- Free text for an RPC: trimmed, null when blank, refused when longer than p_max characters.
-- Very long input is refused before any regular expression looks at it: the trim can shorten
-- a text only by its leading and trailing blanks, and a comment padded past four times the
-- limit is no comment anyone wrote.
create or replace function private.free_text(p_text text, p_max int, p_label_zh text, p_label_en text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  tidy text;
begin
  if char_length(p_text) > 4 * p_max then
    tidy := p_text;
  else
    tidy := nullif(private.tidy_text(p_text), '');
  end if;
  if char_length(tidy) > p_max then
    perform private.raise_record_error('PT400', 'text_too_long',
      format('%s过长：最多 %s 个字，现为 %s 个字 / The %s is too long: at most %s characters, this has %s',
             p_label_zh, p_max, char_length(tidy), p_label_en, p_max, char_length(tidy)),
      jsonb_build_object('code', 'text_too_long', 'maximum', p_max, 'length', char_length(tidy)));
  end if;
  return tidy;
end;
$$;
-- end routine

-- not valid: history already written stays as it is (it is append-only); new entries are checked.
alter table public.record_events
  add constraint record_events_comment_length check (char_length(comment) <= 2000) not valid,
  add constraint record_events_comment_not_blank check (comment is null or not private.is_blank_text(comment)) not valid;

-- (Folded on 2026-11-30: the body of public.transition_record lives in supabase/routines/public/transition_record.sql,
-- created in 20261126010300_create_record_actions.sql.)

-- (Folded on 2026-11-30: the body of public.comment_record lives in supabase/routines/public/comment_record.sql,
-- created in 20261126010300_create_record_actions.sql.)

-- (Folded on 2026-11-30: the body of public.delete_record lives in supabase/routines/public/delete_record.sql,
-- created in 20261126010300_create_record_actions.sql.)

revoke execute on function private.tidy_text(text), private.is_blank_text(text), private.free_text(text, int, text, text) from public, anon;
grant execute on function private.tidy_text(text), private.is_blank_text(text), private.free_text(text, int, text, text) to authenticated, service_role;
