// The resident registry (一人一档) as the registry pages read and write it (docs/residents.md).
// The database decides everything that matters: who reads and writes whom (grid scope), the ID
// number's rules, masks (id_number and phone arrive masked), optimistic concurrency (row_version
// read + 1) and the event history; these functions only shape the requests.
import { toHttpError } from "@/lib/supabase/errors";
import { supabase } from "./client";
import type { Database } from "./database.types";
import { callRpc } from "./rpc";

type Tables = Database["public"]["Tables"];

export type ResidentRow = Tables["residents"]["Row"];
export type ResidentTagRow = Pick<
  Tables["resident_tags"]["Row"],
  "id" | "tag_key" | "valid_from" | "valid_to" | "source" | "source_record_id" | "source_batch_id" | "note"
>;
export type ResidentEventRow = Pick<Tables["resident_events"]["Row"], "id" | "kind" | "source" | "source_ref" | "actor" | "created_at" | "tag_id"> & {
  /** {field: [old, new]}, ID numbers and phones as their masks */
  diff: Record<string, [unknown, unknown]>;
};
export type ResidentCodeRow = Tables["resident_codes"]["Row"];
export type ResidentTagKindRow = Tables["resident_tag_kinds"]["Row"];

/** A person in the list: their row and the tags they hold (current ones filtered by the page). */
export type ResidentListRow = Pick<ResidentRow, "id" | "name" | "id_number" | "phone" | "sex" | "birth_year" | "grid_org_unit_id"> & {
  tags: Pick<ResidentTagRow, "tag_key" | "valid_from" | "valid_to">[];
};

export type ResidentSearch =
  /** name contains */
  | { kind: "name"; text: string }
  /** pinyin initials contain (zdf → 张德福; the database computes residents.name_initials) */
  | { kind: "initials"; text: string }
  /** a fragment of the masked ID number or phone (digits, X and *) */
  | { kind: "masked"; text: string }
  /** the people an exact (logged) search found */
  | { kind: "ids"; ids: readonly string[] };

export interface ResidentListQuery {
  /** materialised path of a unit: its residents and those of every unit below it */
  unitPath?: string;
  /** holds a current tag of one of these kinds (stored kinds; age bands are minAge/maxAge) */
  tagKeys?: readonly string[];
  /** age reached this year (this year − birth year) */
  minAge?: number;
  maxAge?: number;
  search?: ResidentSearch;
  /** Beijing date (YYYY-MM-DD) for "current" tags */
  today: string;
  page: number;
  pageSize: number;
}

const listColumns = "id,name,id_number,phone,sex,birth_year,grid_org_unit_id,tags:resident_tags(tag_key,valid_from,valid_to)";

/** Characters a masked fragment may hold; anything else would break PostgREST's or= syntax. */
const maskedFragment = /^[0-9Xx*+-]+$/;

export async function listResidents(query: ResidentListQuery): Promise<{ rows: ResidentListRow[]; total: number }> {
  const thisYear = Number(query.today.slice(0, 4));
  const embeds = [listColumns];
  if (query.unitPath) embeds.push("grid:org_units!inner(path)");
  if (query.tagKeys?.length) embeds.push("tag_filter:resident_tags!inner(tag_key)");
  let request = supabase
    .from("residents")
    .select(embeds.join(","), { count: "exact" })
    .order("name")
    .order("id")
    .range(query.page * query.pageSize, (query.page + 1) * query.pageSize - 1);
  if (query.unitPath) request = request.like("grid.path", `${query.unitPath}*`);
  if (query.tagKeys?.length) {
    request = request
      .in("tag_filter.tag_key", [...query.tagKeys])
      .lte("tag_filter.valid_from", query.today)
      .or(`valid_to.is.null,valid_to.gte.${query.today}`, { referencedTable: "tag_filter" });
  }
  if (query.minAge !== undefined) request = request.lte("birth_year", thisYear - query.minAge);
  if (query.maxAge !== undefined) request = request.gte("birth_year", thisYear - query.maxAge);
  const search = query.search;
  if (search?.kind === "name") request = request.ilike("name", `%${search.text}%`);
  if (search?.kind === "initials") request = request.ilike("name_initials", `%${search.text.toLowerCase()}%`);
  if (search?.kind === "masked") {
    const text = search.text.toUpperCase();
    if (!maskedFragment.test(text)) return { rows: [], total: 0 };
    request = request.or(`id_number.ilike.*${text}*,phone.ilike.*${text}*`);
  }
  if (search?.kind === "ids") request = request.in("id", search.ids.length ? [...search.ids] : ["00000000-0000-0000-0000-000000000000"]);
  const { data, error, count } = await request;
  if (error) throw toHttpError(error);
  const rows = (data ?? []) as unknown as (ResidentListRow & { grid?: unknown; tag_filter?: unknown })[];
  return { rows: rows.map(({ grid: _grid, tag_filter: _filter, ...row }) => row), total: count ?? rows.length };
}

/** A household member as the person page lists them: null resident = a member the reader may not see. */
export type HouseholdMemberRow = { resident_id: string; relation: string; resident: Pick<ResidentRow, "id" | "name" | "sex" | "birth_year"> | null };

export type ResidentHousehold = {
  id: string;
  address: string;
  household_number: string | null;
  relation: string;
  members: HouseholdMemberRow[];
};

/** gridCode: the code of the unit the person lives in (its first 6 digits are the county: 本地户籍, hukouLocal) */
export type ResidentDetail = { resident: ResidentRow; household: ResidentHousehold | null; gridCode: string | null };

/** The person (null: no such person, or one the reader may not see: RLS does not say which) and their household. */
export async function fetchResident(id: string): Promise<ResidentDetail | null> {
  const { data, error } = await supabase
    .from("residents")
    .select(
      "*,grid:org_units!grid_org_unit_id(code),membership:household_members(relation,household:households(id,address,household_number,members:household_members(resident_id,relation,resident:residents(id,name,sex,birth_year))))",
    )
    .eq("id", id)
    .maybeSingle();
  if (error) throw toHttpError(error);
  if (!data) return null;
  const { membership, grid, ...resident } = data as unknown as ResidentRow & {
    membership: { relation: string; household: Omit<ResidentHousehold, "relation"> | null } | null;
    grid: { code: string } | null;
  };
  const household = membership?.household ? { ...membership.household, relation: membership.relation } : null;
  return { resident, household, gridCode: grid?.code ?? null };
}

export async function fetchResidentTags(residentId: string): Promise<ResidentTagRow[]> {
  const { data, error } = await supabase
    .from("resident_tags")
    .select("id,tag_key,valid_from,valid_to,source,source_record_id,source_batch_id,note")
    .eq("resident_id", residentId)
    .order("valid_from", { ascending: false });
  if (error) throw toHttpError(error);
  return data ?? [];
}

/** The person's registry history, newest first. */
export async function fetchResidentEvents(residentId: string): Promise<ResidentEventRow[]> {
  const { data, error } = await supabase
    .from("resident_events")
    .select("id,kind,diff,source,source_ref,actor,created_at,tag_id")
    .eq("resident_id", residentId)
    .order("id", { ascending: false })
    .limit(500);
  if (error) throw toHttpError(error);
  return (data ?? []) as ResidentEventRow[];
}

export type ResidentRecordRow = Pick<Tables["records"]["Row"], "id" | "service_id" | "status" | "created_at" | "updated_at">;

/** Records about the person in every service, those the reader may read (RLS), newest first. */
export async function fetchResidentRecords(residentId: string): Promise<ResidentRecordRow[]> {
  const { data, error } = await supabase
    .from("records")
    .select("id,service_id,status,created_at,updated_at")
    .eq("resident_id", residentId)
    .order("created_at", { ascending: false })
    .limit(500);
  if (error) throw toHttpError(error);
  return data ?? [];
}

export async function fetchResidentCodes(): Promise<ResidentCodeRow[]> {
  const { data, error } = await supabase.from("resident_codes").select("list,code,label_zh,label_en,sort_order").order("sort_order");
  if (error) throw toHttpError(error);
  return data ?? [];
}

export async function fetchResidentTagKinds(): Promise<ResidentTagKindRow[]> {
  const { data, error } = await supabase.from("resident_tag_kinds").select("key,label_zh,label_en,min_age,sensitive,sort_order").order("sort_order");
  if (error) throw toHttpError(error);
  return data ?? [];
}

/** What the registry form writes: full values replace, the mask read back keeps, null phone removes. */
export type ResidentChanges = Partial<
  Pick<
    ResidentRow,
    "name" | "phone" | "ethnicity" | "political_status" | "marital_status" | "address" | "grid_org_unit_id" | "id_number" | "hukou_region" | "hukou_address"
  >
>;

/**
 * Saves changes to a person read at `rowVersion`: the database refuses (stale_registry_row, 409)
 * when someone saved since, and nothing is overwritten.
 */
export async function updateResident(id: string, rowVersion: number, changes: ResidentChanges): Promise<ResidentRow> {
  const { data, error } = await supabase
    .from("residents")
    .update({ ...changes, row_version: rowVersion + 1 })
    .eq("id", id)
    .select()
    .single();
  if (error) throw toHttpError(error);
  return data;
}

export type NewResident = Required<Pick<ResidentRow, "name" | "id_number" | "grid_org_unit_id">> &
  Omit<ResidentChanges, "name" | "id_number" | "grid_org_unit_id">;

/** Registers a person; a second one with the same ID number is refused (resident_exists, 409). */
export async function createResident(resident: NewResident): Promise<ResidentRow> {
  // sex and birth_year are required columns the trigger derives from the ID number: the client
  // may not send them (no column privilege), the generated Insert type still lists them
  const { data, error } = await supabase
    .from("residents")
    .insert(resident as Tables["residents"]["Insert"])
    .select()
    .single();
  if (error) throw toHttpError(error);
  return data;
}

/** People found by a full ID number or phone: blind index, view_sensitive and a reason required, logged. */
export async function searchResidentsByValue(value: string, reason: string): Promise<string[]> {
  const answer = await callRpc("search_residents_by_value", { p_value: value, p_reason: reason });
  const ids = answer && typeof answer === "object" && !Array.isArray(answer) ? answer.resident_ids : undefined;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [];
}

export type ResidentSensitiveField = "id_number" | "phone" | "birth_date";

/** One raw value (null: none stored), logged with the reason; view_sensitive in the person's grid required. */
export async function unmaskResidentField(residentId: string, field: ResidentSensitiveField, reason: string): Promise<string | null> {
  const value = await callRpc("unmask_resident_field", { p_resident_id: residentId, p_field: field, p_reason: reason });
  return typeof value === "string" ? value : null;
}

/** A person as the record form's resident picker offers them (masked values as the API gives them). */
export type ResidentPick = Pick<ResidentRow, "id" | "name" | "id_number" | "birth_year">;

/** Up to `limit` people matching a name or pinyin initials search, or the ids of an exact search, within the reader's scope. */
export async function findResidentPicks(search: ResidentSearch, limit: number): Promise<ResidentPick[]> {
  let request = supabase.from("residents").select("id,name,id_number,birth_year").order("name").order("id").limit(limit);
  if (search.kind === "name") request = request.ilike("name", `%${search.text}%`);
  if (search.kind === "initials") request = request.ilike("name_initials", `%${search.text.toLowerCase()}%`);
  if (search.kind === "masked") return [];
  if (search.kind === "ids") request = request.in("id", search.ids.length ? [...search.ids] : ["00000000-0000-0000-0000-000000000000"]);
  const { data, error } = await request;
  if (error) throw toHttpError(error);
  return data ?? [];
}

/** Registry attributes a record may write back (update_resident_from_record). */
export type ResidentWriteBack = Partial<
  Pick<ResidentRow, "name" | "phone" | "address" | "ethnicity" | "political_status" | "marital_status" | "hukou_address">
>;

/**
 * Writes values staff corrected in a record back to its linked person, read at `rowVersion`:
 * the registry's update path (scope, rules, stale_registry_row), logged as an event with source
 * 'record' and the record's id.
 */
export async function updateResidentFromRecord(recordId: string, rowVersion: number, changes: ResidentWriteBack): Promise<void> {
  await callRpc("update_resident_from_record", { p_record_id: recordId, p_row_version: rowVersion + 1, p_changes: changes });
}

/**
 * One page (≤ 1,000 ids, from the list's own query) of the registry's export: the people the
 * caller may export (a role granted export; export_forbidden otherwise), masked, in the order
 * asked, each page logged by the database (sensitive_access_log, kind export).
 */
export async function exportResidentsPage(ids: readonly string[], exportId: string): Promise<ResidentListRow[]> {
  const answer = await callRpc("export_residents", { p_ids: [...ids], p_export_id: exportId });
  const rows = answer && typeof answer === "object" && !Array.isArray(answer) ? answer.rows : undefined;
  return Array.isArray(rows) ? (rows as unknown as ResidentListRow[]) : [];
}
