// npm run db:migration -- <verb_object>
// Writes supabase/migrations/<UTC timestamp>_<verb_object>.sql with a header to fill in, places
// for hand-written DDL, and every routine (supabase/routines/) changed since the last migration.
// Review it, then `npm run db:reset` to apply the whole history to a fresh local database.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { writeMigration } from "./migration-writer.ts";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const [name, ...rest] = process.argv.slice(2);
if (!name || rest.length > 0) {
  console.error("用法 / usage: npm run db:migration -- <verb_object>   (e.g. add_resident_tags)");
  process.exit(2);
}
try {
  const { file, routines } = writeMigration(root, name);
  console.log(`wrote ${file}`);
  if (routines.length === 0) console.log("没有改动的函数，只写了说明和 DDL 骨架 / no routine changed: wrote only the header and the DDL skeleton");
  else console.log(`carries ${routines.length} changed routine(s):\n${routines.map((path) => `  ${path}`).join("\n")}`);
  console.log("next: fill in the header and any DDL, review, then npm run db:reset");
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
}
