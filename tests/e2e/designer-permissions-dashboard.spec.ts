// Journeys through the designer's 权限 and 看板 pages as the community administrator, on the
// service their community owns (居民议事): ticks are collected and nothing is saved until the
// summary in words is confirmed (with how many people's menus lose the service), dependent
// grants follow read both ways, and the dashboard's widgets preview the records they may read.
import pg from "pg";
import { expect, signIn, test } from "./fixtures";

async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    return (await db.query<T>(text, params)).rows;
  } finally {
    await db.end();
  }
}

const serviceId = async () => (await query<{ id: string }>("select id from public.services where key = 'resident_proposal'"))[0].id;
const grants = async (id: string) =>
  (await query<{ g: string }>("select role_key || ':' || action g from public.service_role_grants where service_id = $1 order by 1", [id])).map((r) => r.g);
/** Distinct active holders of a role at 牯牛坪社区 or below, counted independently of the RPC. */
const holders = async (role: string) =>
  Number(
    (
      await query<{ n: string }>(
        `select count(distinct m.user_id) n from public.memberships m join public.org_units u on u.id = m.org_unit_id
          where m.status = 'active' and m.role_key = $1 and u.code like '433101009001%'`,
        [role],
      )
    )[0].n,
  );

test("权限: changes are collected, summarised in words with the menus they empty, and saved at once", async ({ page }) => {
  const id = await serviceId();
  const before = await grants(id);
  const gridWorkers = await holders("grid_worker");
  expect(gridWorkers).toBeGreaterThan(0);
  try {
    await signIn(page, "admin@demo.local");
    await page.goto(`/services/${id}/design/permissions`);
    const cell = (name: string) => page.getByRole("checkbox", { name, exact: true });

    await expect(cell("网格员 · 查看")).toBeChecked();
    await cell("网格员 · 查看").uncheck();
    // export needs read: ticking it ticks read
    await cell("志愿者 · 导出").check();
    await expect(cell("志愿者 · 查看")).toBeChecked();
    // losing read takes export with it
    await cell("领导 · 查看").uncheck();
    await expect(cell("领导 · 导出")).not.toBeChecked();
    await expect(page.getByText("5 项修改待保存")).toBeVisible();
    expect(await grants(id)).toEqual(before); // nothing saved yet

    await page.getByRole("button", { name: "保存权限" }).click();
    const dialog = page.getByRole("dialog", { name: "确认权限变更" });
    await expect(dialog.getByText("网格员 将失去 查看", { exact: true })).toBeVisible();
    await expect(dialog.getByText("领导 将失去 查看、导出", { exact: true })).toBeVisible();
    await expect(dialog.getByText("志愿者 将获得 查看、导出", { exact: true })).toBeVisible();
    await expect(dialog.getByText(`网格员：${gridWorkers} 人将不再在菜单中看到本服务`)).toBeVisible();
    await dialog.getByRole("button", { name: "确认保存" }).click();

    await expect(page.getByText("权限已保存")).toBeVisible();
    await expect(page.getByText(/项修改待保存/)).toHaveCount(0);
    const after = await grants(id);
    expect(after).toEqual(expect.arrayContaining(["volunteer:read", "volunteer:export", "volunteer:create"]));
    expect(after.filter((g) => g.startsWith("leader:") || g === "grid_worker:read")).toEqual([]);
  } finally {
    await query("delete from public.service_role_grants where service_id = $1", [id]);
    await query(
      "insert into public.service_role_grants (service_id, role_key, action) select $1, split_part(g, ':', 1), split_part(g, ':', 2) from unnest($2::text[]) g",
      [id, before],
    );
  }
});

/** A demo user's API calls over plain fetch (supabase-js would want WebSocket in this Node). */
async function as(email: string): Promise<(path: string, body: unknown, prefer?: string) => Promise<unknown>> {
  const anonKey = process.env.SUPABASE_ANON_KEY!;
  const signedIn = await fetch(`${process.env.SUPABASE_URL}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { apikey: anonKey, "content-type": "application/json" },
    body: JSON.stringify({ email, password: "Demo@2026" }),
  });
  expect(signedIn.ok).toBe(true);
  const { access_token: token } = (await signedIn.json()) as { access_token: string };
  return async (path, body, prefer) => {
    const response = await fetch(`${process.env.SUPABASE_URL}/rest/v1/${path}`, {
      method: "POST",
      headers: { apikey: anonKey, authorization: `Bearer ${token}`, "content-type": "application/json", ...(prefer ? { prefer } : {}) },
      body: JSON.stringify(body),
    });
    expect(response.ok, await response.clone().text()).toBe(true);
    return response.json();
  };
}

test("看板: widgets preview the records the administrator may read; charts reorder and are added by click", async ({ page }) => {
  const id = await serviceId();
  // two proposals filed by staff through the API, as the form does; removed again at the end
  const staff = await as("staff@demo.local");
  const [{ id: grid }] = await query<{ id: string }>("select id from public.org_units where code = '433101009001001'");
  const filed: { id: string; row_version: number }[] = [];
  for (const title of ["楼下停车太乱", "希望增设充电桩"]) {
    const [row] = (await staff(
      "records?select=id,row_version",
      { service_id: id, org_unit_id: grid, data: { topic: "parking", title, content: title, anonymous: true, grid } },
      "return=representation",
    )) as { id: string; row_version: number }[];
    filed.push(row);
  }
  const [{ n: records }] = await query<{ n: string }>(
    `select count(*) n from public.records r join public.org_units u on u.id = r.org_unit_id
      where r.service_id = $1 and r.deleted_at is null and u.code like '433101009001%'`,
    [id],
  );
  try {
    await signIn(page, "admin@demo.local");
    await page.goto(`/services/${id}/design/dashboard`);
    const total = page.getByRole("region", { name: "建议总数" });
    await expect(total.getByText(records, { exact: true })).toBeVisible();

    const byStatus = page.getByRole("region", { name: "按状态（采纳情况）" });
    await expect(byStatus.getByRole("list", { name: "按状态（采纳情况）" }).getByRole("listitem").first()).toBeVisible();
    await byStatus.getByText("表格", { exact: true }).click();
    await expect(byStatus.getByRole("columnheader", { name: "数值" })).toBeVisible();

    const widgetTitles = ["建议总数", "超时未回应", "按类别", "按状态（采纳情况）"];
    const titles = async () =>
      (await page.getByRole("region").evaluateAll((regions) => regions.map((r) => r.getAttribute("aria-label") ?? ""))).filter((t) => widgetTitles.includes(t));
    await page.getByRole("button", { name: "上移 按类别" }).click();
    await expect.poll(titles).toEqual(widgetTitles);

    await page.getByRole("button", { name: "添加图表" }).click();
    const added = page.getByRole("region", { name: "新图表" });
    await expect(added.getByRole("list", { name: "新图表" })).toBeVisible();
  } finally {
    await page.close();
    await query("update public.services set draft = null where id = $1", [id]);
    const admin = await as("admin@demo.local");
    for (const record of filed) await admin("rpc/delete_record", { p_id: record.id, p_row_version: record.row_version, p_reason: "e2e 清理" });
  }
});
