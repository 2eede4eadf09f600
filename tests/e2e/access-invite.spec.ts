// Journey: the community admin invites a new grid worker by phone at 第二网格 of 牯牛坪社区;
// the person signs up with the anon key (as the sign-up page will), signs in through the UI,
// sees their unit in the header, does not get the 用户与角色 menu, sees only their grid's
// records, and cannot open another grid's record by URL.
import { AuthClient } from "@supabase/supabase-js";
import { randomInt } from "node:crypto";
import pg from "pg";
import { expect, signIn, test } from "./fixtures";

const PASSWORD = "Invite@2026";

test("an admin invites a grid worker by phone; signing up makes them a member of 第二网格", async ({ page }) => {
  const mobile = `136${String(randomInt(0, 1e8)).padStart(8, "0")}`;
  const shown = `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;

  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: /用户与角色/ }).click();
  await expect(page.getByRole("heading", { name: "用户与角色" })).toBeVisible();
  await page.getByRole("tab", { name: "邀请" }).click();
  await page.getByRole("button", { name: "邀请成员" }).click();

  const dialog = page.getByRole("dialog", { name: "邀请成员" });
  await dialog.getByLabel("手机号或邮箱").fill(mobile);
  await dialog.getByLabel("单位").click();
  await dialog.getByLabel("单位").fill("第二网格");
  await page.getByRole("treeitem", { name: "第二网格" }).click();
  await dialog.getByLabel("角色").click();
  await dialog.getByLabel("角色").fill("网格员");
  await page.keyboard.press("Enter");
  await dialog.getByRole("button", { name: "保存" }).click();

  await expect(page.getByText("已创建邀请")).toBeVisible();
  const row = page.getByRole("row", { name: new RegExp(shown) });
  await expect(row).toContainText("第二网格");
  await expect(row).toContainText("网格员");
  await expect(row).toContainText("待接受");
  await page.getByRole("button", { name: /退出登录/ }).click();
  await expect(page.getByLabel("账号 (手机号或邮箱)")).toBeVisible();

  // The invitee signs up with the anon key only, as GoTrue's sign-up does on hosted Supabase.
  const anonKey = process.env.SUPABASE_ANON_KEY!;
  const auth = new AuthClient({
    url: `${process.env.SUPABASE_URL}/auth/v1`,
    headers: { apikey: anonKey, Authorization: `Bearer ${anonKey}` },
    persistSession: false,
    autoRefreshToken: false,
  });
  const { error } = await auth.signUp({ phone: mobile, password: PASSWORD });
  expect(error).toBeNull();

  await signIn(page, mobile, PASSWORD);
  const header = page.getByRole("banner");
  await expect(header.getByText("第二网格", { exact: false })).toBeVisible();
  await expect(header.getByText("网格员", { exact: false })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: /组织架构/ })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: /用户与角色/ })).toHaveCount(0);
  await page.goto("/members");
  await expect(page.getByText("无权访问")).toBeVisible();

  // Records: exactly the grid events of 第二网格, counted past RLS for comparison.
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  const unitRecords = (code: string) =>
    db.query<{ id: string; n: string }>(
      `select r.id, count(*) over () n from public.records r join public.services s on s.id = r.service_id
         join public.org_units u on u.id = r.org_unit_id
        where s.key = 'grid_event' and u.code = $1 and r.deleted_at is null limit 1`,
      [code],
    );
  const [own] = (await unitRecords("433101009001002")).rows;
  const [other] = (await unitRecords("433101009001001")).rows;
  await db.end();
  expect(Number(own.n)).toBeGreaterThan(0);

  await page.getByRole("menuitem", { name: /网格事件上报/ }).click();
  await expect(page.getByText(`共 ${own.n} 条`)).toBeVisible();
  await page.goto(`/s/grid_event/show/${own.id}`);
  await expect(page.getByText("所属单位").first()).toBeVisible();
  await expect(page.getByText("记录不存在或无权查看")).toHaveCount(0);
  await page.goto(`/s/grid_event/show/${other.id}`);
  await expect(page.getByText("记录不存在或无权查看")).toBeVisible();
});
