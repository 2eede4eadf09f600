// Journey: the community admin opens 审计日志, sees their own sign-in and a grid worker's refused
// unmask attempt, narrows the list to 敏感信息查看, and exports it; a grid worker has no such
// menu and is refused at /audit.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, signIn, signOut, test } from "./fixtures";

const reason = `e2e 审计 ${randomUUID().slice(0, 6)}`;

/** The grid worker tries to unmask an ID number through the API (no view_sensitive: refused, logged). */
async function refusedUnmaskByGridWorker(): Promise<void> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  let recordId: string;
  try {
    const { rows } = await db.query<{ id: string }>(
      `select r.id from public.records r join public.services s on s.id = r.service_id join public.org_units u on u.id = r.org_unit_id
        where s.key = 'elderly_benefit' and u.code = '433101009001001' and r.deleted_at is null limit 1`,
    );
    recordId = rows[0].id;
  } finally {
    await db.end();
  }
  // plain fetch: supabase-js would want a WebSocket, which Node 20 has only behind a flag
  const url = process.env.SUPABASE_URL!;
  const apikey = process.env.SUPABASE_ANON_KEY!;
  const session = await fetch(`${url}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { apikey, "content-type": "application/json" },
    body: JSON.stringify({ email: "grid@demo.local", password: "Demo@2026" }),
  });
  const { access_token } = (await session.json()) as { access_token: string };
  const refused = await fetch(`${url}/rest/v1/rpc/unmask_record_field`, {
    method: "POST",
    headers: { apikey, authorization: `Bearer ${access_token}`, "content-type": "application/json" },
    body: JSON.stringify({ p_record_id: recordId, p_field: "applicant_id_number", p_reason: reason }),
  });
  expect(refused.status).toBe(403);
}

test("a community admin reads and exports the audit log; a grid worker cannot open it", async ({ page }) => {
  test.setTimeout(120_000);
  await refusedUnmaskByGridWorker();

  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: /审计日志/ }).click();
  await expect(page.getByRole("heading", { name: "审计日志" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "登录", exact: true }).first()).toBeVisible();

  await page.getByLabel("类别").click();
  // antd's role=option nodes are hidden a11y stand-ins; the visible item carries the title
  await page.getByTitle("敏感信息查看", { exact: true }).click();
  await page.keyboard.press("Escape");
  await expect(page).toHaveURL(/kind=sensitive/);
  const refused = page.getByRole("row").filter({ hasText: reason });
  await expect(refused).toContainText("查看原文被拒绝");
  await expect(refused).toContainText("无查看敏感信息的权限");
  await expect(page.getByRole("cell", { name: "登录", exact: true })).toHaveCount(0);

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "导出 Excel" }).click();
  expect((await downloading).suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await signOut(page);

  await signIn(page, "grid@demo.local");
  await expect(page.getByRole("banner").getByText("龙建军")).toBeVisible();
  await expect(page.getByRole("menuitem", { name: /审计日志/ })).toHaveCount(0);
  await page.goto("/audit");
  await expect(page.getByText("无权访问")).toBeVisible();
});
