// Issue #9: seeded records named photos and proofs that were not in storage (broken images,
// 404). After seeding, the local stack places a synthetic placeholder for each
// (supabase/local/demo-files.ts); every one downloads through the storage API, for a user who
// may read its record, and not for a user who may not.
import type { SupabaseClient } from "@supabase/supabase-js";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { uploadDemoFiles } from "../../scripts/upload-demo-files";
import { as, serviceRole, sql } from "../support/engine-fixtures";

const BUCKET = "record-attachments";
const pngSignature = [137, 80, 78, 71, 13, 10, 26, 10];

type SeededFile = { path: string; mime: string; record_id: string };

async function seededFiles(): Promise<SeededFile[]> {
  return sql<SeededFile>(
    `select a.path, a.mime, a.record_id::text from public.record_attachments a join public.records r on r.id = a.record_id
      where r.is_synthetic and a.path like 'demo/%' order by a.path`,
  );
}

async function download(client: SupabaseClient, path: string): Promise<{ ok: boolean; head: number[] }> {
  const { data, error } = await client.storage.from(BUCKET).download(path);
  if (error || !data) return { ok: false, head: [] };
  return { ok: true, head: [...new Uint8Array(await data.arrayBuffer()).slice(0, 8)] };
}

/** In batches, so hundreds of files do not open hundreds of connections at once. */
async function downloadAll(client: SupabaseClient, files: readonly SeededFile[]) {
  const results: Array<{ path: string; mime: string; ok: boolean; head: number[] }> = [];
  for (let i = 0; i < files.length; i += 20) {
    const batch = files.slice(i, i + 20);
    results.push(...(await Promise.all(batch.map(async (f) => ({ path: f.path, mime: f.mime, ...(await download(client, f.path)) })))));
  }
  return results;
}

describe("seeded attachments", () => {
  it("every file a seeded record names exists in storage", async () => {
    const files = await seededFiles();
    expect(files.length).toBeGreaterThan(10);
    const results = await downloadAll(serviceRole, files);
    expect(results.filter((r) => !r.ok).map((r) => r.path)).toEqual([]);
    // images are images (a PNG that says DEMO); documents are PDFs
    for (const r of results) {
      if (r.mime.startsWith("image/")) expect(r.head).toEqual(pngSignature);
      else expect(String.fromCharCode(...r.head.slice(0, 5))).toBe("%PDF-");
    }
  });

  it("a user who may read the record downloads its files; a user who may not is refused", async () => {
    const staff = await as("staff");
    const files = await seededFiles();
    // the records staff may read, as RLS answers for them
    const readable = new Set<string>();
    for (let i = 0; i < files.length; i += 200) {
      const ids = [...new Set(files.slice(i, i + 200).map((f) => f.record_id))];
      const { data, error } = await staff.from("records").select("id").in("id", ids);
      expect(error).toBeNull();
      for (const row of data ?? []) readable.add(row.id as string);
    }
    const theirs = files.filter((f) => readable.has(f.record_id));
    expect(theirs.length).toBeGreaterThan(0);
    expect((await downloadAll(staff, theirs)).filter((r) => !r.ok).map((r) => r.path)).toEqual([]);

    // the grid worker's scope is one grid: a seeded file of a record outside it stays closed
    const grid = await as("grid");
    const outside = [];
    for (const f of files) {
      const { data } = await grid.from("records").select("id").eq("id", f.record_id);
      if (data?.length === 0) outside.push(f);
      if (outside.length === 3) break;
    }
    expect(outside.length).toBeGreaterThan(0);
    expect((await downloadAll(grid, outside)).map((r) => r.ok)).toEqual(outside.map(() => false));
  });

  it("on a hosted project the upload script puts them through the Storage API (objects lost here as on a fresh hosted project)", async () => {
    const staff = await as("staff");
    const [file] = (await seededFiles()).filter((f) => f.mime.startsWith("image/"));
    const { data: readable } = await staff.from("records").select("id").eq("id", file.record_id);
    const reader = readable?.length ? staff : serviceRole;
    await sql(`delete from storage.objects where bucket_id = $1 and name = $2`, [BUCKET, file.path]);
    expect((await download(reader, file.path)).ok).toBe(false);

    const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
    await db.connect();
    try {
      const uploaded = await uploadDemoFiles({ db, url: process.env.SUPABASE_URL!, serviceKey: process.env.SUPABASE_SERVICE_ROLE_KEY! });
      expect(uploaded).toBe(1);
      // a second run finds nothing left to do
      expect(await uploadDemoFiles({ db, url: process.env.SUPABASE_URL!, serviceKey: process.env.SUPABASE_SERVICE_ROLE_KEY! })).toBe(0);
    } finally {
      await db.end();
    }
    expect(await download(reader, file.path)).toEqual({ ok: true, head: pngSignature });
  });
});
