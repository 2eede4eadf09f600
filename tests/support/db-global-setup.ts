// The db tests talk to a real stack. tests/run.ts starts one and passes it in the env;
// `npm run test:db` alone starts its own on free ports and stops it afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestStack } from "./test-stack.ts";

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.SUPABASE_URL) return;
  const dataDir = mkdtempSync(join(tmpdir(), "cgs-db-"));
  const stack = await startTestStack(dataDir);
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
