// Local Storage through storage-js, authorised by RLS on storage.objects as on hosted Supabase.
// The bucket and its policies are made in SQL here, as a migration would make them: each user
// may insert, read, update and delete only under a folder named by their own uid. The users are
// members of a community: the migrations' restrictive policies let only members with a live
// session touch any file, within a per-user quota (tests/db/access-no-membership.test.ts shows
// the refusal of a stranger). Signed URLs live at most an hour and re-check their signer; every
// write and signed URL is logged in public.storage_access_log.
import { createClient, type SupabaseClient } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { signJwt } from "../../supabase/local/jwt.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const url = process.env.SUPABASE_URL!;
const anonKey = process.env.SUPABASE_ANON_KEY!;
const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY!;
const dbUrl = process.env.SUPABASE_DB_URL!;
const options = { auth: { persistSession: false, autoRefreshToken: false } };
const PASSWORD = "Test@2026-pw";
const BUCKET = "test-docs";
const SIZE_LIMIT = 1024;
const COMMUNITY = "433101009001"; // 牯牛坪社区
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

const others: User[] = [];

async function signedInUser(name: string, role = "staff", unitCode = COMMUNITY): Promise<User> {
  const email = `storage-${name}-${run}@test.local`;
  const { data, error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  if (error) throw error;
  await db.query("insert into public.memberships (user_id, org_unit_id, role_key) select $1, id, $2 from public.org_units where code = $3", [
    data.user.id,
    role,
    unitCode,
  ]);
  const client = createClient(url, anonKey, options);
  const signIn = await client.auth.signInWithPassword({ email, password: PASSWORD });
  if (signIn.error) throw signIn.error;
  return { id: data.user.id, client };
}

const textBlob = (text: string, type = "text/plain") => new Blob([text], { type });
const rowCount = async (name: string) =>
  Number((await db.query("select count(*) from storage.objects where bucket_id = $1 and name = $2", [BUCKET, name])).rows[0].count);

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
  for (const user of [alice, bob, ...others]) if (user) await admin.auth.admin.deleteUser(user.id);
  await db.query("delete from public.app_settings where key = 'storage_quota_bytes'");
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
    const { rows } = await db.query("select owner, owner_id, metadata from storage.objects where bucket_id = $1 and name = $2", [
      BUCKET,
      `${alice.id}/note.txt`,
    ]);
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
    const otherPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), url: `${BUCKET}/${alice.id}/raw.txt` }),
    ).toString("base64url");
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

describe("signed URLs live at most an hour and follow their signer", () => {
  const expiryOf = (signedUrl: string) =>
    JSON.parse(Buffer.from(new URL(signedUrl).searchParams.get("token")!.split(".")[1], "base64url").toString()).exp as number;

  it("an expiresIn of 1e12 seconds is clamped to one hour", async () => {
    // each expiry lies between the hour after the request was sent and the hour after its answer came
    const seconds = () => Math.floor(Date.now() / 1000);
    const before = seconds();
    const { data, error } = await alice.client.storage.from(BUCKET).createSignedUrl(`${alice.id}/note.txt`, 1e12);
    expect(error).toBeNull();
    expect(expiryOf(data!.signedUrl)).toBeLessThanOrEqual(seconds() + 3600);
    expect(expiryOf(data!.signedUrl)).toBeGreaterThanOrEqual(before + 3600);
    expect((await fetch(data!.signedUrl)).status).toBe(200);
    const beforeMany = seconds();
    const many = await alice.client.storage.from(BUCKET).createSignedUrls([`${alice.id}/note.txt`], 1e12);
    expect(expiryOf(many.data![0].signedUrl!)).toBeLessThanOrEqual(seconds() + 3600);
    expect(expiryOf(many.data![0].signedUrl!)).toBeGreaterThanOrEqual(beforeMany + 3600);
  });

  it("a signer's URL stops working while their membership is suspended, and works again once reactivated", async () => {
    const { data } = await alice.client.storage.from(BUCKET).createSignedUrl(`${alice.id}/note.txt`, 600);
    expect((await fetch(data!.signedUrl)).status).toBe(200);
    await db.query("update public.memberships set status = 'suspended' where user_id = $1", [alice.id]);
    try {
      const refused = await fetch(data!.signedUrl);
      expect(refused.status).toBe(404);
      expect(await refused.text()).not.toContain("居民来信");
    } finally {
      await db.query("update public.memberships set status = 'active' where user_id = $1", [alice.id]);
    }
    expect(await (await fetch(data!.signedUrl)).text()).toBe("居民来信 letter");
  });

  it("a signer's URL stops working once they log out, and once they are banned", async () => {
    const carol = await signedInUser("carol");
    const dave = await signedInUser("dave");
    others.push(carol, dave);
    const urls: string[] = [];
    for (const user of [carol, dave]) {
      expect((await user.client.storage.from(BUCKET).upload(`${user.id}/memo.txt`, textBlob("走访记录"))).error).toBeNull();
      const { data } = await user.client.storage.from(BUCKET).createSignedUrl(`${user.id}/memo.txt`, 600);
      expect((await fetch(data!.signedUrl)).status).toBe(200);
      urls.push(data!.signedUrl);
    }
    await carol.client.auth.signOut({ scope: "global" });
    const afterLogout = await fetch(urls[0]);
    expect(afterLogout.status).toBe(401);
    expect((await afterLogout.json()).message).toContain("session_revoked");
    await admin.auth.admin.updateUserById(dave.id, { ban_duration: "1h" });
    const afterBan = await fetch(urls[1]);
    expect(afterBan.status).toBe(401);
    expect((await afterBan.json()).message).toContain("user_banned");
  });

  it("a token without its signer is refused", async () => {
    const { data } = await alice.client.storage.from(BUCKET).createSignedUrl(`${alice.id}/note.txt`, 60);
    const token = new URL(data!.signedUrl).searchParams.get("token")!;
    const { signer: _signer, ...claims } = JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString());
    const unsigned = signJwt(claims, process.env.SUPABASE_JWT_SECRET!);
    expect((await fetch(data!.signedUrl.replace(token, unsigned))).status).toBe(400);
  });
});

describe("per-user quota", () => {
  const usedBy = async (id: string) =>
    Number((await db.query("select coalesce(sum((metadata ->> 'size')::bigint), 0) as used from storage.objects where owner_id = $1", [id])).rows[0].used);

  it("an upload past the quota is refused with 413 and a reason; within it, and replacing one's own file, it is stored", async () => {
    const used = await usedBy(alice.id);
    await db.query(
      "insert into public.app_settings (key, value) values ('storage_quota_bytes', $1::jsonb) on conflict (key) do update set value = excluded.value",
      [JSON.stringify(used + 100)],
    );
    try {
      const files = alice.client.storage.from(BUCKET);
      const over = await files.upload(`${alice.id}/over.txt`, textBlob("x".repeat(200)));
      expect(over.error).toMatchObject({ status: 413, statusCode: "413" });
      expect(over.error!.message).toContain("storage_quota_exceeded");
      expect(over.error!.message).toContain("存储空间已满");
      expect(await rowCount(`${alice.id}/over.txt`)).toBe(0);
      expect((await files.upload(`${alice.id}/within.txt`, textBlob("x".repeat(50)))).error).toBeNull();
      // the replaced file's bytes do not count twice: used + 60 ≤ used + 100
      expect((await files.upload(`${alice.id}/within.txt`, textBlob("y".repeat(60)), { upsert: true })).error).toBeNull();
      // control: another member's quota is their own
      expect((await bob.client.storage.from(BUCKET).upload(`${bob.id}/own.txt`, textBlob("x".repeat(200)))).error).toBeNull();
    } finally {
      await db.query("delete from public.app_settings where key = 'storage_quota_bytes'");
    }
    expect((await alice.client.storage.from(BUCKET).upload(`${alice.id}/over.txt`, textBlob("x".repeat(200)))).error).toBeNull();
  });
});

describe("storage access log", () => {
  type Entry = { action: string; object_name: string; actor: string; size: number | null; org_unit_ids: string[] };
  const entriesOf = async (id: string) =>
    (
      await db.query<Entry>("select action, object_name, actor, size::int as size, org_unit_ids from public.storage_access_log where actor = $1 order by id", [
        id,
      ])
    ).rows;

  it("uploads, overwrites, moves, removals and signed URLs are logged with their actor and unit", async () => {
    const entries = await entriesOf(alice.id);
    const [{ id: communityId }] = (await db.query<{ id: string }>("select id from public.org_units where code = $1", [COMMUNITY])).rows;
    expect(new Set(entries.map((e) => e.action))).toEqual(new Set(["upload", "overwrite", "move", "delete", "sign"]));
    expect(entries.find((e) => e.action === "upload" && e.object_name === `${alice.id}/note.txt`)).toMatchObject({
      size: Buffer.byteLength("居民来信 letter"),
      org_unit_ids: [communityId],
    });
    expect(entries.some((e) => e.action === "delete" && e.object_name === `${alice.id}/raw.txt`)).toBe(true);
    // a refused upload wrote nothing, so it logged nothing
    expect(entries.filter((e) => e.object_name === `${bob.id}/planted.txt`)).toEqual([]);
  });

  it("is append-only, for the table owner and the service key too", async () => {
    for (const statement of [
      "update public.storage_access_log set actor = null",
      "delete from public.storage_access_log",
      "truncate public.storage_access_log",
    ]) {
      await expect(db.query(statement)).rejects.toMatchObject({ code: "42501" });
    }
    const forged = await admin.from("storage_access_log").insert({ action: "upload", bucket_id: BUCKET, object_name: "forged", actor_role: "service_role" });
    expect(forged.error).not.toBeNull();
    expect(Number((await db.query("select count(*) from public.storage_access_log where object_name = 'forged'")).rows[0].count)).toBe(0);
  });

  it("administrators of the actor's unit read it; an administrator elsewhere and the actor do not", async () => {
    const communityAdmin = await signedInUser("log-admin", "community_admin");
    const elsewhere = await signedInUser("log-elsewhere", "community_admin", "433101009002");
    others.push(communityAdmin, elsewhere);
    const read = async (user: User) => {
      const { data, error } = await user.client.from("storage_access_log").select("action, object_name").eq("actor", alice.id);
      expect(error).toBeNull();
      return data!.length;
    };
    expect(await read(communityAdmin)).toBe((await entriesOf(alice.id)).length);
    expect(await read(elsewhere)).toBe(0);
    expect(await read(alice)).toBe(0);
  });
});
