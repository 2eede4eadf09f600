// A throw-away stack on free ports, with the demo seed, for one test run.
import { freePort } from "../../supabase/local/ports.ts";
import { startStack, type RunningStack } from "../../supabase/local/stack.ts";

export async function startTestStack(dataDir: string): Promise<RunningStack> {
  // Every suite connects from 127.0.0.1, so GoTrue's per-IP limits would throttle them: lifted for
  // that address only. Per-account limits still apply; tests/db/auth-rate-limits.test.ts checks
  // the per-IP ones from 127.0.0.2.
  process.env.AUTH_RATE_LIMIT_EXEMPT_IPS ??= "127.0.0.1,::1";
  const stack = await startStack({
    dataDir,
    host: "127.0.0.1",
    pgPort: await freePort(),
    restPort: await freePort(),
    gatewayPort: await freePort(),
    seed: true,
    reset: true,
    // Refusals the tests provoke are logged by postgres as ERROR; show only what breaks the stack.
    log: (line) => {
      // (A statement's ERROR such as transition_guard_failed is a refusal a test asked for, not a breakdown.)
      const breakdown = /FATAL|PANIC|failed|exited/i.test(line) && !/\b(ERROR|DETAIL|STATEMENT|CONTEXT):/.test(line);
      if (process.env.STACK_LOG || breakdown) process.stderr.write(`[stack] ${line}\n`);
    },
  });
  Object.assign(process.env, {
    SUPABASE_URL: stack.url,
    SUPABASE_ANON_KEY: stack.anonKey,
    SUPABASE_SERVICE_ROLE_KEY: stack.serviceKey,
    SUPABASE_PUBLISHABLE_KEY: stack.publishableKey,
    SUPABASE_SECRET_KEY: stack.secretKey,
    SUPABASE_JWT_SECRET: stack.jwtSecret,
    SUPABASE_DB_URL: stack.dbUrl,
    SUPABASE_ADMIN_DB_URL: stack.adminDbUrl,
    SUPABASE_DATA_DIR: dataDir,
  });
  return stack;
}
