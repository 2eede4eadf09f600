// Time to rows on a phone network: a fresh browser (empty cache) opens a record list with the
// network throttled to Chrome DevTools' "Slow 4G" preset, and we time the navigation until the
// first data row is drawn; the sign-in page is timed the same way. Not a test (the machine's load
// moves the figures); the numbers go to docs/benchmarks.md, "First load".
//   node --import tsx scripts/measure-first-load.ts [--dist <built SPA dir>] [--runs 3] [--trace: print each request's start]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "@playwright/test";
import { freePort } from "../supabase/local/ports.ts";
import { startStack } from "../supabase/local/stack.ts";

// Chrome DevTools' "Slow 4G" (the former "Fast 3G"): 1.6 Mbit/s down and 750 kbit/s up at 90 %,
// 150 ms × 3.75 round trip (as Puppeteer's PredefinedNetworkConditions spell it).
const SLOW_4G = { offline: false, downloadThroughput: ((1.6 * 1000 * 1000) / 8) * 0.9, uploadThroughput: ((750 * 1000) / 8) * 0.9, latency: 150 * 3.75 };
const LIST = "/s/elderly_benefit";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** Throttles the page and sums the bytes of JavaScript it receives (as sent: compressed). */
async function throttle(context: BrowserContext, page: Page): Promise<() => number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", SLOW_4G);
  const scripts = new Set<string>();
  let jsBytes = 0;
  const began = Date.now();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (process.argv.includes("--trace"))
      console.log(`  ${((Date.now() - began) / 1000).toFixed(2)} s → ${e.request.url.replace(/^https?:\/\/[^/]+/, "").slice(0, 90)}`);
  });
  cdp.on("Network.responseReceived", (e) => {
    if (e.type === "Script") scripts.add(e.requestId);
  });
  cdp.on("Network.loadingFinished", (e) => {
    if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
  });
  return () => jsBytes;
}

async function main(): Promise<void> {
  const runs = Number(arg("runs", "3"));
  const staticDir = arg("dist", join(process.cwd(), "dist"));
  const dataDir = mkdtempSync(join(tmpdir(), "cgs-first-load-"));
  process.env.AUTH_RATE_LIMIT_EXEMPT_IPS ??= "127.0.0.1,::1";
  const stack = await startStack({
    dataDir,
    host: "127.0.0.1",
    pgPort: await freePort(),
    restPort: await freePort(),
    gatewayPort: await freePort(),
    seed: true,
    reset: true,
    staticDir,
    log: () => {},
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "zh-CN", baseURL: stack.url };
  try {
    // A session to reuse, taken once without throttling.
    const setup = await browser.newContext(phone);
    const page = await setup.newPage();
    await page.goto("/login");
    await page.getByLabel("账号 (手机号或邮箱)").fill("staff@demo.local");
    await page.getByLabel("密码").fill("Demo@2026");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByRole("button", { name: "退出登录" }).waitFor({ timeout: 30_000 });
    const signedIn = await setup.storageState();
    await setup.close();

    const results: { what: string; ms: number; jsKB: number }[] = [];
    for (let run = 0; run < runs; run++) {
      for (const what of ["sign-in page", "list rows"] as const) {
        const context = await browser.newContext(what === "list rows" ? { ...phone, storageState: signedIn } : phone);
        const p = await context.newPage();
        const jsBytes = await throttle(context, p);
        const began = Date.now();
        if (what === "sign-in page") {
          await p.goto("/login", { waitUntil: "commit" });
          await p.getByRole("button", { name: "登录" }).waitFor({ timeout: 120_000 });
        } else {
          await p.goto(LIST, { waitUntil: "commit" });
          await p.getByRole("row").nth(1).getByRole("cell").first().waitFor({ timeout: 120_000 });
        }
        results.push({ what, ms: Date.now() - began, jsKB: Math.round(jsBytes() / 1024) });
        await context.close();
      }
    }
    for (const what of ["sign-in page", "list rows"]) {
      const mine = results.filter((r) => r.what === what);
      const ms = mine.map((r) => r.ms).sort((a, b) => a - b);
      console.log(
        `${what}: median ${(ms[Math.floor(ms.length / 2)] / 1000).toFixed(1)} s (runs ${ms.map((m) => (m / 1000).toFixed(1)).join(", ")} s), JavaScript received ${mine[0].jsKB} kB`,
      );
    }
  } finally {
    await browser.close();
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
