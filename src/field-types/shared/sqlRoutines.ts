/**
 * SQL routines every field type has a part in (supabase/migrations, later supabase/routines):
 * the list of known types, the per-type branch of record validation, the option checks of
 * definitions and the masks of sensitive answers.
 */
export const everyTypeRoutines = ["private.record_field_types", "private.field_value_issue", "private.check_field_options", "private.mask_answer"] as const;

/** Types a sub_table column may have are listed once more, for the definition check. */
export const columnTypeRoutines = [...everyTypeRoutines, "private.sub_table_column_types"] as const;
