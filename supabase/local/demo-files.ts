// The demo seed's records name attachments (证件照.jpg, 现场.jpg, 居住证明.pdf) whose bytes seed
// SQL cannot write. After seeding a fresh database the local stack places a small synthetic
// placeholder for each: a PNG that says DEMO (or a one-page PDF), with its storage.objects row,
// so the pages show an image and downloads answer 200 instead of a broken image and 404.
// Hosted: seed SQL cannot upload either; scripts/upload-demo-files.ts puts the same placeholders
// through the Storage API (README, "Running the same SPA on hosted Supabase").
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import type pg from "pg";

const bucket = "record-attachments";

/**
 * Seeded records' attachments that have no object yet: synthetic records whose file paths the
 * seed generator made (all under `demo/`). In demo mode every new record is synthetic too, so the
 * prefix is what keeps this from claiming a path a real upload (or a test) may still write.
 */
const missingFilesSql = `
  select distinct a.path, a.name, a.mime, a.size
    from public.record_attachments a
    join public.records r on r.id = a.record_id
   where r.is_synthetic and a.path like 'demo/%'
     and not exists (select 1 from storage.objects o where o.bucket_id = $1 and o.name = a.path)`;

export type DemoFile = { path: string; name: string; mime: string; size: string };

export async function missingDemoFiles(db: pg.Pool | pg.Client): Promise<DemoFile[]> {
  return (await db.query<DemoFile>(missingFilesSql, [bucket])).rows;
}

/** The placeholder's bytes and type: a PDF for documents, a PNG for everything else. */
export function demoFileContent(file: DemoFile): { bytes: Buffer; mime: string } {
  return file.mime === "application/pdf"
    ? { bytes: demoPdf(file.name), mime: "application/pdf" }
    : { bytes: demoPng(file.name, Number(file.size)), mime: "image/png" };
}

/** Local stack: bytes into the gateway's storage folder, the row straight into storage.objects. */
export async function placeDemoFiles(db: pg.Pool | pg.Client, storageDir: string): Promise<number> {
  const rows = await missingDemoFiles(db);
  const bucketDir = resolve(storageDir, bucket);
  for (const row of rows) {
    const target = resolve(bucketDir, row.path);
    if (!target.startsWith(bucketDir + sep)) throw new Error(`demo file outside its bucket: ${row.path}`);
    const { bytes, mime } = demoFileContent(row);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, bytes);
    const metadata = {
      eTag: `"${createHash("md5").update(bytes).digest("hex")}"`,
      size: bytes.length,
      mimetype: mime,
      cacheControl: "max-age=3600",
      lastModified: new Date().toUTCString(),
      contentLength: bytes.length,
      httpStatusCode: 200,
    };
    await db.query(
      `insert into storage.objects (bucket_id, name, owner, owner_id, metadata, user_metadata)
       values ($1, $2, null, null, $3, $4) on conflict (bucket_id, name) do nothing`,
      [bucket, row.path, metadata, { demo: true, note: "演示占位图 / demo placeholder" }],
    );
  }
  return rows.length;
}

// ---- a PNG that says DEMO, drawn without an image library -----------------------------------

const width = 176;
const height = 220;

/** 5×7 glyphs, one string per row, '#' = ink. */
const glyphs: Record<string, string[]> = {
  D: ["####.", "#...#", "#...#", "#...#", "#...#", "#...#", "####."],
  E: ["#####", "#....", "#....", "####.", "#....", "#....", "#####"],
  M: ["#...#", "##.##", "#.#.#", "#.#.#", "#...#", "#...#", "#...#"],
  O: [".###.", "#...#", "#...#", "#...#", "#...#", "#...#", ".###."],
};

function pixel(x: number, y: number): [number, number, number] {
  const scale = 6;
  const text = "DEMO";
  const textWidth = text.length * 6 * scale - scale;
  const left = Math.floor((width - textWidth) / 2);
  const top = Math.floor((height - 7 * scale) / 2);
  const gx = Math.floor((x - left) / scale);
  const gy = Math.floor((y - top) / scale);
  const letter = text[Math.floor(gx / 6)];
  if (gy >= 0 && gy < 7 && gx >= 0 && letter && gx % 6 < 5 && glyphs[letter][gy][gx % 6] === "#") return [212, 107, 8];
  if (x < 3 || y < 3 || x >= width - 3 || y >= height - 3) return [250, 173, 20];
  return (x + y) % 24 < 12 ? [240, 240, 240] : [228, 228, 228];
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The placeholder, padded with a comment chunk to the size the record states when it is larger. */
export function demoPng(name: string, statedSize = 0): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y += 1) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x += 1) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const note = Buffer.from(`Comment\0synthetic demo placeholder for ${encodeURIComponent(name)} (演示数据)`, "utf8");
  const parts = [Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", header), chunk("tEXt", note), chunk("IDAT", deflateSync(raw))];
  const end = chunk("IEND", Buffer.alloc(0));
  const size = parts.reduce((n, part) => n + part.length, 0) + end.length;
  if (statedSize > size + 12) parts.push(chunk("tEXt", Buffer.concat([Buffer.from("Padding\0", "latin1"), Buffer.alloc(statedSize - size - 12 - 8, 32)])));
  return Buffer.concat([...parts, end]);
}

/** A one-page PDF that says what it is (ASCII only: the base fonts have no Chinese). */
export function demoPdf(name: string): Buffer {
  const text = `DEMO placeholder - synthetic file for ${encodeURIComponent(name)}`.replace(/[()\\]/g, "");
  const stream = `BT /F1 14 Tf 60 760 Td (${text}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}
