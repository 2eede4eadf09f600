-- Is this one of the field's options (stored by value)? A containment test: no query.
-- (stable, not immutable: jsonb_build_object is stable, and an immutable function with a
-- stable body would not be inlined)
create or replace function private.is_option_value(field jsonb, answer jsonb) returns boolean
language sql stable
return coalesce(field -> 'options' @> jsonb_build_array(jsonb_build_object('value', answer)), false);
