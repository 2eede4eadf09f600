// Like the db layer: use the stack tests/run.ts started, or start one for this run.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestStack } from "./test-stack.ts";

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.SUPABASE_URL) return;
  const dataDir = mkdtempSync(join(tmpdir(), "cgs-e2e-"));
  const stack = await startTestStack(dataDir);
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
