// The gateway's own defences, on the wire: tokens not valid yet are refused, no request header is
// echoed into the page or into token issuers, the SPA carries CSP / frame / sniffing / referrer
// headers, user files cannot run as the app, source maps are never served, JSON is compressed,
// and the new publishable/secret keys work as anon/service_role while a wrong one is refused.
// Each refusal has its allowed counterpart next to it.
import { createClient } from "@supabase/supabase-js";
import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signJwt } from "../../supabase/local/jwt.ts";
import { projectRoot } from "../../supabase/local/stack.ts";

const url = process.env.SUPABASE_URL!;
const anonKey = process.env.SUPABASE_ANON_KEY!;
const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY!;
const publishableKey = process.env.SUPABASE_PUBLISHABLE_KEY!;
const secretKey = process.env.SUPABASE_SECRET_KEY!;
const jwtSecret = process.env.SUPABASE_JWT_SECRET!;
const options = { auth: { persistSession: false, autoRefreshToken: false } };
const admin = createClient(url, serviceKey, options);
const bucket = `harden-${randomUUID().slice(0, 8)}`;
const PASSWORD = "Harden@2026-pw";
const email = `harden-${randomUUID().slice(0, 8)}@example.test`;
let userToken = "";

type Raw = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** A plain HTTP request, so Host and Accept-Encoding are exactly what the test says. */
function raw(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  const target = new URL(path, url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

beforeAll(async () => {
  const { error } = await admin.auth.admin.createUser({ email, password: PASSWORD, email_confirm: true });
  if (error) throw error;
  const signedIn = await createClient(url, anonKey, options).auth.signInWithPassword({ email, password: PASSWORD });
  if (signedIn.error) throw signedIn.error;
  userToken = signedIn.data.session.access_token;
  const created = await admin.storage.createBucket(bucket);
  if (created.error) throw created.error;
});

afterAll(async () => {
  await admin.storage.emptyBucket(bucket);
  await admin.storage.deleteBucket(bucket);
});

describe("nbf: a token that is not valid yet is refused everywhere, the same token without it works", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const variant = (extra: Record<string, unknown>) => signJwt({ ...claimsOf(userToken), ...extra }, jwtSecret);

  it("at /auth/v1/user", async () => {
    const early = await fetch(`${url}/auth/v1/user`, { headers: { apikey: anonKey, authorization: `Bearer ${variant({ nbf: now() + 3600 })}` } });
    expect(early.status).toBe(403);
    expect(await early.json()).toMatchObject({ error_code: "bad_jwt", msg: expect.stringContaining("not valid yet") });
    const due = await fetch(`${url}/auth/v1/user`, { headers: { apikey: anonKey, authorization: `Bearer ${variant({ nbf: now() - 5 })}` } });
    expect(due.status).toBe(200);
  });

  it("at /storage/v1 (Authorization) and for signed URLs", async () => {
    const service = claimsOf(serviceKey);
    const early = await fetch(`${url}/storage/v1/bucket`, { headers: { authorization: `Bearer ${signJwt({ ...service, nbf: now() + 3600 }, jwtSecret)}` } });
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ message: "jwt not active" });
    const due = await fetch(`${url}/storage/v1/bucket`, { headers: { authorization: `Bearer ${signJwt({ ...service, nbf: now() - 5 }, jwtSecret)}` } });
    expect(due.status).toBe(200);

    await admin.storage.from(bucket).upload("nbf.txt", new Blob(["x"], { type: "text/plain" }));
    const { data, error } = await admin.storage.from(bucket).createSignedUrl("nbf.txt", 60);
    expect(error).toBeNull();
    const signedUrl = new URL(data!.signedUrl);
    expect((await fetch(signedUrl)).status).toBe(200);
    const claims = claimsOf(signedUrl.searchParams.get("token")!);
    signedUrl.searchParams.set("token", signJwt({ ...claims, nbf: now() + 3600 }, jwtSecret));
    const earlySigned = await fetch(signedUrl);
    expect(earlySigned.status).toBe(400);
    expect(await earlySigned.json()).toMatchObject({ message: "jwt not active" });
  });

  it("at /rest/v1 (PostgREST checks it too)", async () => {
    const early = await fetch(`${url}/rest/v1/profiles?select=id&limit=1`, {
      headers: { apikey: anonKey, authorization: `Bearer ${variant({ nbf: now() + 3600 })}` },
    });
    expect(early.status).toBe(401);
    const due = await fetch(`${url}/rest/v1/profiles?select=id&limit=1`, {
      headers: { apikey: anonKey, authorization: `Bearer ${variant({ nbf: now() - 5 })}` },
    });
    expect(due.status).toBe(200);
  });
});

describe("no request header is reflected into the page or into tokens", () => {
  const evil = "evil.example.test";

  it("the SPA shell names no host from Host, X-Forwarded-Host or X-Forwarded-Proto", async () => {
    const page = await raw("/", { host: evil, "x-forwarded-host": evil, "x-forwarded-proto": "javascript" });
    expect(page.status).toBe(200);
    const html = page.body.toString("utf8");
    expect(html).not.toContain(evil);
    expect(html).not.toContain("javascript:");
    const injected = /<script>window\.__SUPABASE__=Object\.assign\(\{url:location\.origin\},(\{.*?\})\)<\/script>/.exec(html);
    if (injected) expect(JSON.parse(injected[1])).toEqual({ anonKey });
    else expect(html).toContain("npm run build");
  });

  it("a token's issuer is the configured origin whatever X-Forwarded-Host says", async () => {
    const response = await fetch(`${url}/auth/v1/token?grant_type=password`, {
      method: "POST",
      headers: { apikey: anonKey, "content-type": "application/json", "x-forwarded-host": evil, "x-forwarded-proto": "https" },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    const { access_token } = (await response.json()) as { access_token: string };
    expect(claimsOf(access_token).iss).toBe(`${new URL(url).origin}/auth/v1`);
  });
});

describe("security headers on the SPA", () => {
  it("index.html: CSP (self, hashed config script, frame-ancestors none), X-Frame-Options, nosniff, Referrer-Policy", async () => {
    const page = await fetch(`${url}/records/x/list`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    const script = /<script>(window\.__SUPABASE__=.*?)<\/script>/.exec(await page.text());
    if (script) expect(csp).toContain(`'sha256-${createHash("sha256").update(script[1]).digest("base64")}'`);
  });
});

describe("source maps are never served", () => {
  const stem = `cgs-hardening-${randomUUID().slice(0, 8)}`;
  const assets = join(projectRoot, "dist", "assets");

  beforeAll(() => {
    mkdirSync(assets, { recursive: true });
    writeFileSync(join(assets, `${stem}.js`), "export const x = 1;\n");
    writeFileSync(join(assets, `${stem}.js.map`), '{"version":3,"sources":["secret.ts"]}');
  });
  afterAll(() => {
    rmSync(join(assets, `${stem}.js`), { force: true });
    rmSync(join(assets, `${stem}.js.map`), { force: true });
  });

  it("a .map file next to its script is 404 while the script itself is served", async () => {
    const script = await fetch(`${url}/assets/${stem}.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("x-content-type-options")).toBe("nosniff");
    const map = await fetch(`${url}/assets/${stem}.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain("secret.ts");
  });

  it("the build is configured without source maps", async () => {
    const config = (await import("../../vite.config.ts")).default as { build?: { sourcemap?: unknown } };
    expect(config.build?.sourcemap).toBe(false);
  });
});

describe("user files cannot run as the app", () => {
  const files: Array<[string, string, string]> = [
    ["page.html", "text/html", "<script>alert(document.domain)</script>"],
    ["image.svg", "image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'],
    ["fake.png", "image/png; charset=utf-8", "\x89PNG\r\n\x1a\n"],
    ["photo.jpg", "image/jpeg", "\xff\xd8\xff"],
  ];

  beforeAll(async () => {
    for (const [name, type, body] of files) {
      const { error } = await admin.storage.from(bucket).upload(name, new Blob([body], { type }), { contentType: type });
      if (error) throw error;
    }
  });

  it.each([
    ["page.html", true],
    ["image.svg", true],
    ["fake.png", false],
    ["photo.jpg", false],
  ])("%s: attachment=%s, always nosniff and a sandboxing CSP", async (name, attachment) => {
    for (const path of [`/storage/v1/object/authenticated/${bucket}/${name}`, `/storage/v1/object/${bucket}/${name}`]) {
      const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${serviceKey}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
      const disposition = response.headers.get("content-disposition");
      if (attachment) expect(disposition).toMatch(new RegExp(`^attachment; filename="${name.replace(".", "\\.")}"`));
      else expect(disposition).toBeNull();
    }
  });

  it("through a signed URL too", async () => {
    for (const [name, attachment] of [
      ["page.html", true],
      ["fake.png", false],
    ] as const) {
      const { data, error } = await admin.storage.from(bucket).createSignedUrl(name, 60);
      expect(error).toBeNull();
      const response = await fetch(data!.signedUrl);
      expect(response.status).toBe(200);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-disposition") !== null).toBe(attachment);
    }
  });
});

describe("JSON responses are compressed when the client accepts it", () => {
  const restPath = "/rest/v1/org_units?select=*";
  const restHeaders = { apikey: serviceKey, authorization: `Bearer ${serviceKey}` };

  it("/rest/v1 (proxied from PostgREST): gzip or br when accepted, identity otherwise", async () => {
    const plain = await raw(restPath, restHeaders);
    expect(plain.status).toBe(200);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(1024);
    const expected = JSON.parse(plain.body.toString("utf8"));

    const gzip = await raw(restPath, { ...restHeaders, "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.body.length).toBeLessThan(plain.body.length);
    expect(JSON.parse(gunzipSync(gzip.body).toString("utf8"))).toEqual(expected);

    const br = await raw(restPath, { ...restHeaders, "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(JSON.parse(brotliDecompressSync(br.body).toString("utf8"))).toEqual(expected);

    const refused = await raw(restPath, { ...restHeaders, "accept-encoding": "gzip;q=0, br;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("the gateway's own JSON (auth admin list) above 1 kB, not a small answer", async () => {
    const big = await raw("/auth/v1/admin/users?per_page=50", { ...restHeaders, "accept-encoding": "gzip" });
    expect(big.status).toBe(200);
    expect(big.headers["content-encoding"]).toBe("gzip");
    expect(JSON.parse(gunzipSync(big.body).toString("utf8")).users.length).toBeGreaterThan(0);
    const small = await raw("/auth/v1/health", { apikey: anonKey, "accept-encoding": "gzip" });
    expect(small.status).toBe(200);
    expect(small.headers["content-encoding"]).toBeUndefined();
  });
});

describe("publishable and secret keys", () => {
  it("are generated in the new format, not as JWTs", () => {
    expect(publishableKey).toMatch(/^sb_publishable_[A-Za-z0-9_-]{16,}$/);
    expect(secretKey).toMatch(/^sb_secret_[A-Za-z0-9_-]{16,}$/);
  });

  it("a publishable key acts as the anon key: signs in and reads as the user; a wrong one is 401", async () => {
    // Signed out, it reads exactly what the legacy anon key reads.
    const asAnon = async (key: string) => {
      const response = await fetch(`${url}/rest/v1/org_units?select=id&limit=5`, { headers: { apikey: key, authorization: `Bearer ${key}` } });
      return { status: response.status, body: await response.text() };
    };
    expect(await asAnon(publishableKey)).toEqual(await asAnon(anonKey));
    expect((await fetch(`${url}/auth/v1/settings`, { headers: { apikey: publishableKey } })).status).toBe(200);
    const client = createClient(url, publishableKey, options);
    const signedIn = await client.auth.signInWithPassword({ email, password: PASSWORD });
    expect(signedIn.error).toBeNull();
    const own = await client.from("profiles").select("id").eq("id", signedIn.data.user!.id);
    expect(own.error).toBeNull();
    expect(own.data).toHaveLength(1);
    // Not the service role: listing users needs it.
    const notAdmin = await fetch(`${url}/auth/v1/admin/users`, { headers: { apikey: publishableKey, authorization: `Bearer ${publishableKey}` } });
    expect(notAdmin.status).toBe(403);

    const wrong = await fetch(`${url}/rest/v1/profiles?select=id`, { headers: { apikey: `${publishableKey}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: "Invalid API key" });
  });

  it("a secret key acts as service_role for rest, auth admin and storage; a wrong one is 401", async () => {
    const client = createClient(url, secretKey, options);
    const users = await client.auth.admin.listUsers();
    expect(users.error).toBeNull();
    expect(users.data.users.some((u) => u.email === email)).toBe(true);
    const buckets = await client.storage.listBuckets();
    expect(buckets.error).toBeNull();
    expect(buckets.data!.some((b) => b.id === bucket)).toBe(true);
    const rows = await client.from("org_units").select("id").limit(1);
    expect(rows.error).toBeNull();
    expect(rows.data!.length).toBe(1);

    const wrongKey = "sb_secret_" + "A".repeat(32);
    const wrong = await fetch(`${url}/rest/v1/org_units?select=id`, { headers: { apikey: wrongKey, authorization: `Bearer ${wrongKey}` } });
    expect(wrong.status).toBe(401);
    const wrongStorage = await fetch(`${url}/storage/v1/bucket`, { headers: { apikey: wrongKey, authorization: `Bearer ${wrongKey}` } });
    expect(wrongStorage.status).toBeGreaterThanOrEqual(400);
    expect(wrongStorage.status).toBeLessThan(500);
  });

  it("a secret key sent by a browser is refused, as hosted refuses it", async () => {
    const headers = { apikey: secretKey, authorization: `Bearer ${secretKey}` };
    const browser = await fetch(`${url}/rest/v1/org_units?select=id&limit=1`, {
      headers: { ...headers, "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/140" },
    });
    expect(browser.status).toBe(401);
    const server = await fetch(`${url}/rest/v1/org_units?select=id&limit=1`, { headers: { ...headers, "user-agent": "node" } });
    expect(server.status).toBe(200);
  });

  it("legacy JWT keys keep working", async () => {
    const response = await fetch(`${url}/rest/v1/org_units?select=id&limit=1`, { headers: { apikey: serviceKey, authorization: `Bearer ${serviceKey}` } });
    expect(response.status).toBe(200);
  });
});

describe("/health", () => {
  it("reports every part ok with 200", async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ gateway: "ok", postgres: "ok", postgrest: "ok", auth: "ok", storage: "ok" });
  });
});
