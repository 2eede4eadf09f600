// Journey: the community admin of 牯牛坪社区 invites a grid worker to 第二网格 and copies the
// invitation link (a QR code of it is shown too). The grid worker opens the link in a fresh
// browser, sees who invites them to what, signs up there and lands in their work: their unit in
// the header, exactly their grid's records, not another grid's record by URL. The same link
// then fails, in any browser.
import { randomInt } from "node:crypto";
import pg from "pg";
import { expect, pickTreeNode, signIn, test } from "./fixtures";

const PASSWORD = "Invite@2026";

test("an admin invites a grid worker by link; the worker signs up through it once and works in 第二网格", async ({ page, browser, baseURL }) => {
  const mobile = `136${String(randomInt(0, 1e8)).padStart(8, "0")}`;
  const shown = `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);

  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: /用户与角色/ }).click();
  await expect(page.getByRole("heading", { name: "用户与角色" })).toBeVisible();
  await page.getByRole("tab", { name: "邀请" }).click();
  await page.getByRole("button", { name: "邀请成员" }).click();

  const dialog = page.getByRole("dialog", { name: "邀请成员" });
  await pickTreeNode(page, dialog.getByLabel("单位"), "第二网格", { search: true });
  await dialog.getByLabel("角色").click();
  await dialog.getByLabel("角色").fill("网格员");
  await page.keyboard.press("Enter");
  // Only a note of whom the link is for: it grants nothing by itself.
  await dialog.getByLabel("手机号或邮箱（可选）").fill(mobile);
  await dialog.getByRole("button", { name: "保存" }).click();

  const linkDialog = page.getByRole("dialog", { name: "邀请链接" });
  await expect(linkDialog.getByText("请通过微信或短信")).toBeVisible();
  await expect(linkDialog.getByRole("img", { name: "邀请链接二维码" })).toBeVisible();
  await linkDialog.getByRole("button", { name: "复制链接" }).click();
  await expect(page.getByText("已复制邀请链接")).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${baseURL}/join\\?token=[A-Za-z0-9_-]{43}$`));
  await expect(linkDialog.getByLabel("邀请链接")).toHaveValue(link);
  await linkDialog.getByRole("button", { name: "完成" }).click();

  const row = page.getByRole("row", { name: new RegExp(shown) });
  await expect(row).toContainText("第二网格");
  await expect(row).toContainText("网格员");
  await expect(row).toContainText("待接受");

  // The grid worker: a fresh browser, nobody signed in, the link only.
  const workerContext = await browser.newContext({ baseURL });
  const worker = await workerContext.newPage();
  await worker.goto(link);
  await expect(worker.getByText("田晓梅 邀请您加入")).toBeVisible();
  await expect(worker.getByText("第二网格", { exact: true })).toBeVisible();
  await expect(worker.getByText("网格员", { exact: true })).toBeVisible();
  await worker.getByLabel("手机号或邮箱").fill(mobile);
  await worker.getByLabel("姓名").fill("吴新员");
  await worker.getByLabel("密码").fill(PASSWORD);
  await worker.getByRole("button", { name: "注册并接受邀请" }).click();

  await expect(worker).toHaveURL(`${baseURL}/`);
  const header = worker.getByRole("banner");
  await expect(header.getByText("第二网格", { exact: false })).toBeVisible();
  await expect(header.getByText("网格员", { exact: false })).toBeVisible();
  await expect(worker.getByRole("menuitem", { name: /用户与角色/ })).toHaveCount(0);

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

  await worker.getByRole("menuitem", { name: /网格事件上报/ }).click();
  await expect(worker.getByText(`共 ${own.n} 条`)).toBeVisible();
  await worker.goto(`/s/grid_event/show/${own.id}`);
  await expect(worker.getByText("所属单位").first()).toBeVisible();
  await expect(worker.getByText("记录不存在或无权查看")).toHaveCount(0);
  await worker.goto(`/s/grid_event/show/${other.id}`);
  await expect(worker.getByText("记录不存在或无权查看")).toBeVisible();
  await workerContext.close();

  // The admin's list shows it accepted.
  await page.reload();
  await page.getByRole("tab", { name: "邀请" }).click();
  await expect(page.getByRole("row", { name: new RegExp(shown) })).toContainText("已接受");

  // The same link a second time, in another fresh browser: used, and nothing more is said.
  const secondContext = await browser.newContext({ baseURL });
  const second = await secondContext.newPage();
  await second.goto(link);
  await expect(second.getByText("此邀请链接已被使用")).toBeVisible();
  await expect(second.getByText("第二网格")).toHaveCount(0);
  await expect(second.getByRole("button", { name: "注册并接受邀请" })).toHaveCount(0);
  await secondContext.close();
});

test("an admin re-issues a pending invitation (the old link stops working) and revokes it (the new one stops too)", async ({ page, browser, baseURL }) => {
  const note = `reissue-${randomInt(0, 1e9)}@test.local`;
  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: /用户与角色/ }).click();
  await page.getByRole("tab", { name: "邀请" }).click();
  await page.getByRole("button", { name: "邀请成员" }).click();
  const dialog = page.getByRole("dialog", { name: "邀请成员" });
  await pickTreeNode(page, dialog.getByLabel("单位"), "第一网格", { search: true });
  await dialog.getByLabel("角色").click();
  await dialog.getByLabel("角色").fill("志愿者");
  await page.keyboard.press("Enter");
  await dialog.getByLabel("手机号或邮箱（可选）").fill(note);
  await dialog.getByRole("button", { name: "保存" }).click();

  const linkDialog = page.getByRole("dialog", { name: "邀请链接" });
  const firstLink = await linkDialog.getByLabel("邀请链接").inputValue();
  expect(firstLink).toContain("/join?token=");
  await linkDialog.getByRole("button", { name: "完成" }).click();

  const row = page.getByRole("row", { name: new RegExp(note) });
  await row.getByRole("button", { name: "重新生成链接" }).click();
  await page.getByRole("tooltip").getByRole("button", { name: "确定" }).click();
  await expect(linkDialog.getByLabel("邀请链接")).not.toHaveValue(firstLink);
  const secondLink = await linkDialog.getByLabel("邀请链接").inputValue();
  expect(secondLink).toContain("/join?token=");
  await linkDialog.getByRole("button", { name: "完成" }).click();

  const visitor = await browser.newContext({ baseURL });
  const tab = await visitor.newPage();
  await tab.goto(firstLink);
  await expect(tab.getByText("邀请链接无效，或已被新的链接取代。")).toBeVisible();
  await tab.goto(secondLink);
  await expect(tab.getByText("田晓梅 邀请您加入")).toBeVisible();
  await expect(tab.getByText("志愿者", { exact: true })).toBeVisible();

  await row.getByRole("button", { name: "撤销" }).click();
  await page.getByRole("tooltip").getByRole("button", { name: "确定" }).click();
  await expect(row).toContainText("已撤销");
  await tab.goto(secondLink);
  await expect(tab.getByText("此邀请已被撤销。")).toBeVisible();
  await visitor.close();
});

test("a link that matches no invitation says so, in Chinese and in English", async ({ page }) => {
  await page.goto("/join?token=not-a-real-invitation-token");
  await expect(page.getByText("邀请链接无效，或已被新的链接取代。")).toBeVisible();
  await page.getByText("English", { exact: true }).click();
  await expect(page.getByText("This invitation link is not valid, or a newer link replaced it.")).toBeVisible();
  await page.getByText("中文", { exact: true }).click();
  await expect(page.getByText("邀请无法使用")).toBeVisible();
});
