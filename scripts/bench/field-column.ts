// Where the engine's list filters and sorts a service field, so the bench asks PostgREST what
// the SPA would: a typed "index slot" column of public.records when the service maps the field
// to one (services.indexed_fields, e.g. {"urgency": "idx_text_1"}), else the JSON answer —
// `data->>key` to filter (text), `data->key` to sort (jsonb order). The column is looked up in
// information_schema first, so the bench runs on a main with or without index slots.
import type pg from "pg";

export type FieldColumn = { key: string; filter: string; sort: string; indexed: string | null };

export async function fieldColumn(db: pg.Client, serviceId: string, key: string): Promise<FieldColumn> {
  const slots = await db.query(
    "select 1 from information_schema.columns where table_schema = 'public' and table_name = 'services' and column_name = 'indexed_fields'",
  );
  if (slots.rowCount) {
    const { rows } = await db.query<{ column: string | null }>("select s.indexed_fields ->> $2 as column from public.services s where s.id = $1", [
      serviceId,
      key,
    ]);
    const column = rows[0]?.column ?? null;
    if (column) return { key, filter: column, sort: column, indexed: column };
  }
  return { key, filter: `data->>${key}`, sort: `data->${key}`, indexed: null };
}
