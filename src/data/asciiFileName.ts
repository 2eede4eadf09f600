// Storage keys must be ASCII, so an object is named by an ASCII rendering of its file name;
// the original (often Chinese) name is kept in the record's file descriptor.
const maxNameLength = 80;

/** "身份证 正面(1).JPG" → "1.jpg"-like ASCII that keeps the extension; never empty. */
export function asciiFileName(name: string): string {
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot + 1) : "";
  const clean = (part: string) =>
    part
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9_-]+/g, "_")
      .replace(/_+/g, "_")
      .replace(/^_|_$/g, "");
  const safeExt = clean(ext).toLowerCase().slice(0, 10);
  const safeStem = (clean(stem) || "file").slice(0, maxNameLength);
  return safeExt ? `${safeStem}.${safeExt}` : safeStem;
}
