// `npm start` → start the embedded stack and keep it running until Ctrl-C.
// `npm run db:reset` → wipe the local database, rebuild it from migrations and seed, exit.
import { join } from "node:path";
import { startStack, stackOptionsFromEnv } from "./stack.ts";

const DEMO_ACCOUNTS = [
  ["社区管理员 community admin", "admin@demo.local", "13800000001"],
  ["工作人员 staff", "staff@demo.local", "13800000002"],
  ["网格员 grid worker", "grid@demo.local", "13800000003"],
  ["领导 leader", "leader@demo.local", "13800000004"],
  ["街道工作人员 street staff", "street@demo.local", "13800000005"],
  ["街道领导 street leader", "streetleader@demo.local", "13800000006"],
] as const;
export const DEMO_PASSWORD = "Demo@2026";

async function main(command: string): Promise<number> {
  const began = Date.now();
  const options = stackOptionsFromEnv({ reset: command === "reset" });
  const stack = await startStack(options);
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  if (command === "reset") {
    console.log(`数据库已重建 / database rebuilt (${stack.applied.length} migrations, seed ${stack.seeded ? "loaded" : "skipped"}) in ${seconds} s`);
    await stack.stop();
    return 0;
  }
  console.log(`
社区治理低代码平台 Community Governance Studio — ready in ${seconds} s
  打开 / open:      ${stack.url}
  API:              ${stack.url}  (rest /rest/v1, auth /auth/v1, storage /storage/v1)
  健康 / health:    ${stack.url}/health
  anon key:         ${stack.anonKey}
  publishable key:  ${stack.publishableKey}  (新格式，等同 anon / new format, same as anon)
  secret key:       见 / see ${join(options.dataDir, "keys.json")} (service_role; 勿用于浏览器 / never in a browser)
  演示账号 / demo accounts (password ${DEMO_PASSWORD}):
${DEMO_ACCOUNTS.map(([role, email, phone]) => `    ${role.padEnd(26)} ${email.padEnd(24)} ${phone}`).join("\n")}
  数据为合成演示数据 / all demo data is synthetic.  Ctrl-C 停止 / to stop.
`);
  await new Promise<void>((resolve) => {
    const shutdown = () => resolve();
    process.once("SIGINT", shutdown);
    process.once("SIGTERM", shutdown);
    process.once("SIGHUP", shutdown);
  });
  console.log("正在停止 / stopping …");
  await stack.stop();
  return 0;
}

const command = process.argv[2] ?? "start";
if (command !== "start" && command !== "reset") {
  console.error(`用法 / usage: cli.ts start | reset`);
  process.exit(2);
}
main(command).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
