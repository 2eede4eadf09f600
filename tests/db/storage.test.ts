// Local Storage through storage-js, authorised by RLS on storage.objects as on hosted Supabase.
// The bucket and its policies are made in SQL here, as a migration would make them: each user
// may insert, read, update and delete only under a folder named by their own uid.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const url = process.env.SUPABASE_URL!;
const anonKey = process.env.SUPABASE_ANON_KEY!;
const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY!;
const dbUrl = process.env.SUPABASE_DB_URL!;
const options = { auth: { persistSession: false, autoRefreshToken: false } };
const PASSWORD = "Test@2026-pw";
const BUCKET = "test-docs";
const SIZE_LIMIT = 1024;
const run = randomUUID().slice(0, 8);

const admin = createClient(url, serviceKey, options);
const db = new pg.Client({ connectionString: dbUrl });

const OWN_FOLDER = `bucket_id = '${BUCKET}' and (storage.foldername(name))[1] = (select auth.uid())::text`;
const POLICIES = [
  ["test-docs: users upload into their own folder", "insert", `with check (${OWN_FOLDER})`],
  ["test-docs: users read their own folder", "select", `using (${OWN_FOLDER})`],
  ["test-docs: users delete from their own folder", "delete", `using (${OWN_FOLDER})`],
  ["test-docs: users update within their own folder", "update", `using (${OWN_FOLDER}) with check (${OWN_FOLDER})`],
] as const;

// A check Postgres makes only at commit, after the bytes are already in place: the gateway must
// then put the previous bytes back. Refuses rows whose user metadata asks for it.
const REFUSE_AT_COMMIT = `
  create or replace function public.test_docs_refuse_at_commit() returns trigger language plpgsql as $$
  begin
    raise exception 'refused at commit';
  end $$;
  drop trigger if exists test_docs_refuse_at_commit on storage.objects;
  create constraint trigger test_docs_refuse_at_commit after insert or update on storage.objects
    deferrable initially deferred for each row when (new.user_metadata ->> 'refuse' = 'yes')
    execute function public.test_docs_refuse_at_commit();`;

type User = { id: string; client: SupabaseClient };
let alice: User;
let bob: User;

async function signedInUser(name: string): Promise<User> {
  const email = `storage-${name}-${run}@test.local`;
  const { data, error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  if (error) throw error;
  const client = createClient(url, anonKey, options);
  const signIn = await client.auth.signInWithPassword({ email, password: PASSWORD });
  if (signIn.error) throw signIn.error;
  return { id: data.user.id, client };
}

const textBlob = (text: string, type = "text/plain") => new Blob([text], { type });
const rowCount = async (name: string) => Number((await db.query("select count(*) from storage.objects where bucket_id = $1 and name = $2", [BUCKET, name])).rows[0].count);

beforeAll(async () => {
  await db.connect();
  await db.query(
    `insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types) values ($1, $1, false, $2, $3)
     on conflict (id) do update set public = false, file_size_limit = excluded.file_size_limit, allowed_mime_types = excluded.allowed_mime_types`,
    [BUCKET, SIZE_LIMIT, ["text/plain", "application/pdf", "image/*"]],
  );
  for (const [name, command, clause] of POLICIES) {
    await db.query(`drop policy if exists "${name}" on storage.objects`);
    await db.query(`create policy "${name}" on storage.objects for ${command} to authenticated ${clause}`);
  }
  await db.query(REFUSE_AT_COMMIT);
  alice = await signedInUser("alice");
  bob = await signedInUser("bob");
});

afterAll(async () => {
  await admin.storage.emptyBucket(BUCKET);
  await admin.storage.deleteBucket(BUCKET);
  for (const [name] of POLICIES) await db.query(`drop policy if exists "${name}" on storage.objects`);
  await db.query("drop trigger if exists test_docs_refuse_at_commit on storage.objects; drop function if exists public.test_docs_refuse_at_commit()");
  for (const user of [alice, bob]) if (user) await admin.auth.admin.deleteUser(user.id);
  await db.end();
});

describe("upload under RLS", () => {
  it("a user uploads into their own folder, as a Blob (multipart) and as raw bytes", async () => {
    const files = alice.client.storage.from(BUCKET);
    const blob = await files.upload(`${alice.id}/note.txt`, textBlob("居民来信 letter"));
    expect(blob.error).toBeNull();
    expect(blob.data).toMatchObject({ path: `${alice.id}/note.txt`, fullPath: `${BUCKET}/${alice.id}/note.txt` });
    expect(blob.data!.id).toMatch(/^[0-9a-f-]{36}$/);
    const raw = await files.upload(`${alice.id}/raw.txt`, Buffer.from("raw bytes"), { contentType: "text/plain" });
    expect(raw.error).toBeNull();
    const { rows } = await db.query("select owner, owner_id, metadata from storage.objects where bucket_id = $1 and name = $2", [BUCKET, `${alice.id}/note.txt`]);
    expect(rows[0]).toMatchObject({ owner: alice.id, owner_id: alice.id, metadata: { size: Buffer.byteLength("居民来信 letter"), mimetype: "text/plain" } });
  });

  it("an upload into another user's folder is refused with 403 and leaves no row and no bytes", async () => {
    const name = `${bob.id}/planted.txt`;
    const { error } = await alice.client.storage.from(BUCKET).upload(name, textBlob("not yours"));
    expect(error).toMatchObject({ status: 403, statusCode: "403", message: "new row violates row-level security policy" });
    expect(await rowCount(name)).toBe(0);
    expect((await bob.client.storage.from(BUCKET).download(name)).error?.status).toBe(404);
    expect((await admin.storage.from(BUCKET).download(name)).error?.status).toBe(404);
  });

  it("the anon key alone cannot upload anywhere", async () => {
    const anon = createClient(url, anonKey, options);
    const { error } = await anon.storage.from(BUCKET).upload(`${alice.id}/anon.txt`, textBlob("anon"));
    expect(error?.status).toBe(403);
  });

  it("an existing name is 409 without upsert; upsert replaces own bytes but not another user's", async () => {
    const files = alice.client.storage.from(BUCKET);
    const duplicate = await files.upload(`${alice.id}/note.txt`, textBlob("second"));
    expect(duplicate.error).toMatchObject({ status: 409, statusCode: "409" });
    expect((await files.upload(`${alice.id}/draft.txt`, textBlob("v1"))).error).toBeNull();
    expect((await files.upload(`${alice.id}/draft.txt`, textBlob("v2"), { upsert: true })).error).toBeNull();
    expect(await (await files.download(`${alice.id}/draft.txt`)).data!.text()).toBe("v2");
    expect((await bob.client.storage.from(BUCKET).upload(`${bob.id}/mine.txt`, textBlob("bob's"))).error).toBeNull();
    const hijack = await files.upload(`${bob.id}/mine.txt`, textBlob("alice's"), { upsert: true });
    expect(hijack.error?.status).toBe(403);
    expect(await (await bob.client.storage.from(BUCKET).download(`${bob.id}/mine.txt`)).data!.text()).toBe("bob's");
  });

  it("a write refused only at commit restores the bytes it replaced", async () => {
    const files = alice.client.storage.from(BUCKET);
    const refused = await files.update(`${alice.id}/draft.txt`, textBlob("never stored"), { metadata: { refuse: "yes" } });
    expect(refused.error?.status).toBe(400);
    expect(await (await files.download(`${alice.id}/draft.txt`)).data!.text()).toBe("v2");
    const fresh = await files.upload(`${alice.id}/refused.txt`, textBlob("never stored"), { metadata: { refuse: "yes" } });
    expect(fresh.error?.status).toBe(400);
    expect(await rowCount(`${alice.id}/refused.txt`)).toBe(0);
    const dataDir = process.env.SUPABASE_DATA_DIR;
    if (dataDir) expect(existsSync(join(dataDir, "storage", BUCKET, alice.id, "refused.txt"))).toBe(false);
  });

  it("the bucket's size limit gives 413 and its MIME list 415, before any row is written", async () => {
    const files = alice.client.storage.from(BUCKET);
    const big = await files.upload(`${alice.id}/big.txt`, textBlob("x".repeat(SIZE_LIMIT + 1)));
    expect(big.error).toMatchObject({ status: 413, statusCode: "413" });
    expect(await rowCount(`${alice.id}/big.txt`)).toBe(0);
    const exactly = await files.upload(`${alice.id}/exact.txt`, textBlob("x".repeat(SIZE_LIMIT)));
    expect(exactly.error).toBeNull();
    const exe = await files.upload(`${alice.id}/tool.exe`, textBlob("MZ", "application/x-msdownload"));
    expect(exe.error).toMatchObject({ status: 415, statusCode: "415" });
    expect(await rowCount(`${alice.id}/tool.exe`)).toBe(0);
  });

  it("a key outside Storage's alphabet or with '..' is 400 InvalidKey", async () => {
    const traversal = await fetch(`${url}/storage/v1/object/${BUCKET}/${alice.id}/..%2F..%2Fescape.txt`, {
      method: "POST",
      headers: { apikey: anonKey, authorization: `Bearer ${(await alice.client.auth.getSession()).data.session!.access_token}`, "content-type": "text/plain" },
      body: "x",
    });
    expect(traversal.status).toBe(400);
    expect((await traversal.json()).code).toBe("InvalidKey");
  });
});

describe("download, list and signed URLs", () => {
  it("the owner downloads and lists; another user can neither download nor list", async () => {
    const path = `${alice.id}/note.txt`;
    const own = await alice.client.storage.from(BUCKET).download(path);
    expect(own.error).toBeNull();
    expect(await own.data!.text()).toBe("居民来信 letter");
    const theirs = await bob.client.storage.from(BUCKET).download(path);
    expect(theirs.error?.status).toBe(404);
    const listed = await alice.client.storage.from(BUCKET).list(alice.id);
    expect(listed.error).toBeNull();
    expect(listed.data!.map((f) => f.name).sort()).toEqual(["draft.txt", "exact.txt", "note.txt", "raw.txt"]);
    const root = await alice.client.storage.from(BUCKET).list();
    expect(root.data).toEqual([expect.objectContaining({ name: alice.id, id: null })]);
    const spying = await bob.client.storage.from(BUCKET).list(alice.id);
    expect(spying.error).toBeNull();
    expect(spying.data).toEqual([]);
  });

  it("a signed URL works with no headers at all; a tampered token does not", async () => {
    const path = `${alice.id}/note.txt`;
    const { data, error } = await alice.client.storage.from(BUCKET).createSignedUrl(path, 60);
    expect(error).toBeNull();
    const plain = await fetch(data!.signedUrl);
    expect(plain.status).toBe(200);
    expect(await plain.text()).toBe("居民来信 letter");
    const token = new URL(data!.signedUrl).searchParams.get("token")!;
    const [header, payload, signature] = token.split(".");
    const flipped = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    expect((await fetch(data!.signedUrl.replace(token, flipped))).status).toBe(400);
    const otherPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), url: `${BUCKET}/${alice.id}/raw.txt` })).toString("base64url");
    const swapped = data!.signedUrl.replace(token, `${header}.${otherPayload}.${signature}`).replace("note.txt", "raw.txt");
    expect((await fetch(swapped)).status).toBe(400);
    const otherFile = data!.signedUrl.replace("note.txt", "raw.txt");
    expect((await fetch(otherFile)).status).toBe(400);
  });

  it("only a user who may read the object can sign it", async () => {
    const { error } = await bob.client.storage.from(BUCKET).createSignedUrl(`${alice.id}/note.txt`, 60);
    expect(error?.status).toBe(404);
  });

  it("a private bucket has no public URL", async () => {
    const { data } = alice.client.storage.from(BUCKET).getPublicUrl(`${alice.id}/note.txt`);
    expect((await fetch(data.publicUrl)).status).toBe(404);
  });
});

describe("move", () => {
  it("moves within one's own folder, not into another user's, and not another user's file", async () => {
    const files = alice.client.storage.from(BUCKET);
    expect((await files.move(`${alice.id}/draft.txt`, `${alice.id}/archive/draft.txt`)).error).toBeNull();
    expect((await files.download(`${alice.id}/draft.txt`)).error?.status).toBe(404);
    expect(await (await files.download(`${alice.id}/archive/draft.txt`)).data!.text()).toBe("v2");
    const intoBob = await files.move(`${alice.id}/archive/draft.txt`, `${bob.id}/draft.txt`);
    expect(intoBob.error?.status).toBe(403);
    expect(await (await files.download(`${alice.id}/archive/draft.txt`)).data!.text()).toBe("v2");
    const byBob = await bob.client.storage.from(BUCKET).move(`${alice.id}/archive/draft.txt`, `${bob.id}/stolen.txt`);
    expect(byBob.error?.status).toBe(404);
  });
});

describe("remove, and buckets as the service", () => {
  it("another user's remove deletes nothing; the owner's removes row and bytes", async () => {
    const path = `${alice.id}/raw.txt`;
    const attempt = await bob.client.storage.from(BUCKET).remove([path]);
    expect(attempt.error).toBeNull();
    expect(attempt.data).toEqual([]);
    expect(await rowCount(path)).toBe(1);
    const removed = await alice.client.storage.from(BUCKET).remove([path]);
    expect(removed.error).toBeNull();
    expect(removed.data!.map((o) => o.name)).toEqual([path]);
    expect(await rowCount(path)).toBe(0);
    expect((await admin.storage.from(BUCKET).download(path)).error?.status).toBe(404);
  });

  it("with no policies on storage.buckets users see none and cannot create one; the service key can", async () => {
    expect((await alice.client.storage.listBuckets()).data).toEqual([]);
    const create = await alice.client.storage.createBucket(`evil-${run}`);
    expect(create.error?.status).toBe(403);
    const all = await admin.storage.listBuckets();
    expect(all.data!.map((b) => b.id)).toContain(BUCKET);
    const one = await admin.storage.getBucket(BUCKET);
    expect(one.data).toMatchObject({ id: BUCKET, public: false, file_size_limit: SIZE_LIMIT });
  });
});
