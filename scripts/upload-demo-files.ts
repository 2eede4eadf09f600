// After seeding a HOSTED project: uploads a synthetic placeholder (a PNG that says DEMO, a
// one-page PDF) for every file the demo records name, through the Storage API with the service
// key, since seed SQL cannot upload bytes. The local stack does the same by itself after seeding
// (supabase/local/demo-files.ts). Only files of synthetic records without an object are touched.
//   DB_URL=… SUPABASE_URL=https://<ref>.supabase.co SUPABASE_SERVICE_ROLE_KEY=… node --import tsx scripts/upload-demo-files.ts
import pg from "pg";
import { pathToFileURL } from "node:url";
import { demoFileContent, missingDemoFiles } from "../supabase/local/demo-files.ts";

export async function uploadDemoFiles(o: { db: pg.Client | pg.Pool; url: string; serviceKey: string }): Promise<number> {
  const files = await missingDemoFiles(o.db);
  for (const file of files) {
    const { bytes, mime } = demoFileContent(file);
    const path = file.path.split("/").map(encodeURIComponent).join("/");
    const response = await fetch(`${o.url}/storage/v1/object/record-attachments/${path}`, {
      method: "POST",
      headers: { apikey: o.serviceKey, authorization: `Bearer ${o.serviceKey}`, "content-type": mime, "x-upsert": "true" },
      body: new Uint8Array(bytes),
    });
    if (!response.ok) throw new Error(`${file.path}: ${response.status} ${await response.text()}`);
  }
  return files.length;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { DB_URL, SUPABASE_URL, SUPABASE_SERVICE_ROLE_KEY } = process.env;
  if (!DB_URL || !SUPABASE_URL || !SUPABASE_SERVICE_ROLE_KEY) {
    console.error("DB_URL, SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY are required");
    process.exit(2);
  }
  const db = new pg.Client({ connectionString: DB_URL });
  await db.connect();
  try {
    console.log(`演示附件 / demo files uploaded: ${await uploadDemoFiles({ db, url: SUPABASE_URL, serviceKey: SUPABASE_SERVICE_ROLE_KEY })}`);
  } finally {
    await db.end();
  }
}
