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
