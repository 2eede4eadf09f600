// Shared by the record-engine db tests (tests/db/engine-*.test.ts): the demo users through
// PostgREST exactly as the SPA calls it, the built-in services by key, valid answers for new
// records, and a superuser connection for what only SQL can show (private functions, triggers).
import { createClient, type PostgrestError, type SupabaseClient } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, expect } from "vitest";

const url = process.env.SUPABASE_URL!;
const options = { auth: { persistSession: false, autoRefreshToken: false } };

export const run = randomUUID().slice(0, 8);

export const UNITS = {
  guniuping: "433101009001",
  guniupingGrid1: "433101009001001",
  guniupingGrid2: "433101009001002",
  jifengStreet: "433101009",
  wanxiGrid1: "433101009002001",
} as const;

export const anon = (): SupabaseClient => createClient(url, process.env.SUPABASE_ANON_KEY!, options);
export const serviceRole: SupabaseClient = createClient(url, process.env.SUPABASE_SERVICE_ROLE_KEY!, options);

const sessions = new Map<string, Promise<SupabaseClient>>();

/** admin / staff / grid / leader @demo.local, signed in once per test file. */
export function as(who: "admin" | "staff" | "grid" | "leader"): Promise<SupabaseClient> {
  let session = sessions.get(who);
  if (!session) {
    session = (async () => {
      const c = anon();
      const { error } = await c.auth.signInWithPassword({ email: `${who}@demo.local`, password: "Demo@2026" });
      if (error) throw error;
      return c;
    })();
    sessions.set(who, session);
  }
  return session;
}

const pool = new pg.Pool({ connectionString: process.env.SUPABASE_DB_URL, max: 2 });
afterAll(() => pool.end());

/** As the database superuser: for private functions and to look past RLS. */
export async function sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query<T>(text, params)).rows;
}

const ids = new Map<string, string>();

export async function unitId(code: string): Promise<string> {
  if (!ids.has(`unit:${code}`)) {
    const [row] = await sql<{ id: string }>("select id from public.org_units where code = $1", [code]);
    ids.set(`unit:${code}`, row.id);
  }
  return ids.get(`unit:${code}`)!;
}

export async function serviceId(key: string): Promise<string> {
  if (!ids.has(`service:${key}`)) {
    const [row] = await sql<{ id: string }>("select id from public.services where key = $1", [key]);
    ids.set(`service:${key}`, row.id);
  }
  return ids.get(`service:${key}`)!;
}

export type RecordRow = {
  id: string;
  service_id: string;
  service_version: number;
  org_unit_id: string;
  status: string;
  due_at: string | null;
  data: Record<string, unknown>;
  row_version: number;
  created_by: string | null;
  deleted_at: string | null;
};

const photo = { path: "records/test/photo.jpg", name: "现场.jpg", size: 30000, mime: "image/jpeg" };

/** Answers that pass the grid_event template (网格事件上报). */
export async function gridEventData(gridCode: string = UNITS.guniupingGrid1): Promise<Record<string, unknown>> {
  return {
    category: "sanitation",
    title: `楼道堆放杂物 ${run}`,
    description: "3 栋楼道堆放杂物堵塞消防通道，需要清理。",
    photos: [photo],
    address: "和美家园 3栋2单元",
    grid: await unitId(gridCode),
    urgency: "yellow",
  };
}

/** Answers that pass the elderly_benefit template (老年优待证). */
export async function elderlyCardData(gridCode: string = UNITS.guniupingGrid1): Promise<Record<string, unknown>> {
  return {
    benefit_type: "card",
    applicant_name: "彭秀英",
    applicant_id_number: "433101194503150020",
    age: 80,
    applicant_phone: "13907431234",
    grid: await unitId(gridCode),
    address: "吉首市吉凤街道牯牛坪社区 3组 12号",
    hukou_local: true,
    photo: [photo],
  };
}

/** Inserts through PostgREST as `client`, as the SPA's create form does. */
export async function createRecord(
  client: SupabaseClient,
  serviceKey: string,
  unitCode: string,
  data: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): Promise<{ data: RecordRow | null; error: PostgrestError | null }> {
  const { data: row, error } = await client
    .from("records")
    .insert({ service_id: await serviceId(serviceKey), org_unit_id: await unitId(unitCode), data, ...extra })
    .select()
    .single();
  return { data: row as RecordRow | null, error };
}

export async function mustCreate(client: SupabaseClient, serviceKey: string, unitCode: string, data: Record<string, unknown>): Promise<RecordRow> {
  const { data: row, error } = await createRecord(client, serviceKey, unitCode, data);
  expect(error).toBeNull();
  return row!;
}

/** The row as stored, past RLS. */
export async function stored(id: string): Promise<RecordRow> {
  const [row] = await sql<RecordRow>("select * from public.records where id = $1", [id]);
  return row;
}

export type TransitionArgs = { comment?: string; fields?: Record<string, unknown>; checklist?: string[] | Record<string, boolean> };

export async function transition(client: SupabaseClient, record: Pick<RecordRow, "id" | "row_version">, key: string, args: TransitionArgs = {}) {
  const { data, error } = await client.rpc("transition_record", {
    p_id: record.id,
    p_row_version: record.row_version,
    p_transition: key,
    p_comment: args.comment ?? null,
    p_fields: args.fields ?? null,
    p_checklist: args.checklist ?? null,
  });
  return { data: data as RecordRow | null, error };
}

export async function mustTransition(
  client: SupabaseClient,
  record: Pick<RecordRow, "id" | "row_version">,
  key: string,
  args: TransitionArgs = {},
): Promise<RecordRow> {
  const { data, error } = await transition(client, record, key, args);
  expect(error).toBeNull();
  return data!;
}

/** The JSON array an error's `details` carries (record_invalid, definition_invalid) or its object. */
export function detailsOf(error: PostgrestError | null): unknown {
  expect(error).not.toBeNull();
  return JSON.parse(error!.details);
}
