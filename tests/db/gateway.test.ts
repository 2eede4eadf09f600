// The gateway itself, on the wire: project-key checks as Kong does them, CORS, body caps,
// malformed input, unknown routes and the SPA shell. After every bad request it must still answer.
import { createClient } from "@supabase/supabase-js";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedIn } from "../support/access-fixtures.ts";

const url = process.env.SUPABASE_URL!;
const anonKey = process.env.SUPABASE_ANON_KEY!;
const serviceKey = process.env.SUPABASE_SERVICE_ROLE_KEY!;
const admin = createClient(url, serviceKey, { auth: { persistSession: false, autoRefreshToken: false } });
const MAX_BODY = 10 * 1024 * 1024;
const bucket = `gw-${randomUUID().slice(0, 8)}`;
const json = { apikey: anonKey, "content-type": "application/json" };

async function expectStillUp(): Promise<void> {
  const health = await fetch(`${url}/auth/v1/health`, { headers: { apikey: anonKey } });
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ name: "GoTrue" });
}

/** A body streamed in chunks with no Content-Length, so only counting can catch it. */
function chunkedBody(totalBytes: number): ReadableStream<Uint8Array> {
  let sent = 0;
  const chunk = new Uint8Array(256 * 1024).fill(120);
  return new ReadableStream({
    pull(controller) {
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunk.length, totalBytes - sent);
      controller.enqueue(chunk.subarray(0, size));
      sent += size;
    },
  });
}

beforeAll(async () => {
  // No file_size_limit: only the gateway's own body cap applies to uploads here.
  const { error } = await admin.storage.createBucket(bucket);
  if (error) throw error;
});

afterAll(async () => {
  await admin.storage.emptyBucket(bucket);
  await admin.storage.deleteBucket(bucket);
});

describe("project keys, as Kong checks them", () => {
  it("no apikey is 401 'No API key found in request'; a wrong one 401 'Invalid API key'", async () => {
    for (const path of ["/rest/v1/profiles", "/auth/v1/health"]) {
      const none = await fetch(`${url}${path}`);
      expect(none.status).toBe(401);
      expect(await none.json()).toEqual({ message: "No API key found in request" });
      const wrong = await fetch(`${url}${path}`, { headers: { apikey: `${anonKey}x` } });
      expect(wrong.status).toBe(401);
      expect(await wrong.json()).toEqual({ message: "Invalid API key" });
    }
  });

  it("the apikey may come as a query parameter, and PostgREST's content-range comes through", async () => {
    const staff = await signedIn("staff@demo.local");
    const token = (await staff.auth.getSession()).data.session!.access_token;
    const response = await fetch(`${url}/rest/v1/org_units?select=id&apikey=${anonKey}`, {
      headers: { authorization: `Bearer ${token}`, prefer: "count=exact", range: "0-4" },
    });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toMatch(/^(\*|\d+-\d+)\/\d+$/);
    expect(response.headers.get("access-control-expose-headers")).toContain("content-range");
  });
});

describe("CORS", () => {
  it("answers a preflight with 204 and the headers supabase-js sends", async () => {
    const preflight = await fetch(`${url}/rest/v1/profiles`, {
      method: "OPTIONS",
      headers: {
        origin: "http://example.test",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, apikey, content-type, x-client-info, prefer",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    const allowed = preflight.headers.get("access-control-allow-headers") ?? "";
    for (const header of [
      "authorization",
      "apikey",
      "content-type",
      "x-client-info",
      "x-supabase-api-version",
      "prefer",
      "range",
      "accept-profile",
      "content-profile",
    ]) {
      expect(allowed).toContain(header);
    }
  });
});

describe("oversized bodies are 413 JSON and the gateway keeps answering", () => {
  it("at /rest/v1, declared by Content-Length", async () => {
    const response = await fetch(`${url}/rest/v1/profiles`, { method: "POST", headers: json, body: new Uint8Array(MAX_BODY + 1) });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ message: "Request size limit exceeded" });
    await expectStillUp();
  });

  it("at /rest/v1, streamed without Content-Length", async () => {
    const response = await fetch(`${url}/rest/v1/profiles`, {
      method: "POST",
      headers: json,
      body: chunkedBody(MAX_BODY + 1024 * 1024),
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(413);
    await expectStillUp();
  });

  it("at /auth/v1", async () => {
    const response = await fetch(`${url}/auth/v1/signup`, { method: "POST", headers: json, body: chunkedBody(MAX_BODY + 1), duplex: "half" } as RequestInit);
    expect(response.status).toBe(413);
    expect((await response.json()).error_code).toBe("request_too_large");
    await expectStillUp();
  });

  it("at /storage/v1, for an upload past the gateway cap in a bucket without its own limit", async () => {
    const { error } = await admin.storage.from(bucket).upload("big.bin", new Blob([new Uint8Array(MAX_BODY + 1)]));
    expect(error).toMatchObject({ status: 413, statusCode: "413" });
    const fits = await admin.storage.from(bucket).upload("fits.bin", new Blob([new Uint8Array(1024)]));
    expect(fits.error).toBeNull();
    await expectStillUp();
  });
});

describe("malformed JSON is 400 JSON", () => {
  it("at /auth/v1 as GoTrue's bad_json", async () => {
    const response = await fetch(`${url}/auth/v1/token?grant_type=password`, { method: "POST", headers: json, body: '{"email": "a@b.c", ' });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    expect(await response.json()).toMatchObject({ code: 400, error_code: "bad_json" });
    await expectStillUp();
  });

  it("at /storage/v1 in Storage's shape", async () => {
    const response = await fetch(`${url}/storage/v1/object/list/${bucket}`, {
      method: "POST",
      headers: { ...json, authorization: `Bearer ${serviceKey}` },
      body: "{prefix:",
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ statusCode: "400" });
    await expectStillUp();
  });

  it("at /rest/v1, from PostgREST itself", async () => {
    const response = await fetch(`${url}/rest/v1/profiles`, { method: "POST", headers: json, body: "[{" });
    expect(response.status).toBe(400);
    expect((await response.json()).code).toMatch(/^PGRST/);
    await expectStillUp();
  });
});

describe("unknown routes are 404 JSON, never the SPA", () => {
  it.each([
    ["GET", "/auth/v1/no-such-endpoint", "error_code", "not_found"],
    ["POST", "/storage/v1/no-such-area", "statusCode", "404"],
    ["GET", "/functions/v1/hello", "message", "no Route matched with those values"],
    ["POST", "/not-an-api", "message", "no Route matched with those values"],
  ])("%s %s", async (method, path, field, value) => {
    const response = await fetch(`${url}${path}`, { method, headers: { apikey: anonKey, authorization: `Bearer ${anonKey}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect((await response.json())[field]).toBe(value);
    await expectStillUp();
  });
});

describe("the SPA shell", () => {
  it("serves index.html for app routes with the anon key injected (the API origin is the page's own), or the build hint", async () => {
    for (const path of ["/", "/records/some-service/list"]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      const html = await response.text();
      const injected = /<script>window\.__SUPABASE__=Object\.assign\(\{url:location\.origin\},(.*?)\)<\/script><\/head>/.exec(html);
      if (injected) expect(JSON.parse(injected[1])).toEqual({ anonKey });
      else expect(html).toContain("npm run build");
    }
    expect((await fetch(`${url}/assets/no-such-chunk.js`)).status).toBe(404);
  });
});
