// 模板中心 as a community admin: preview 志愿者活动 (its steps and time limits), install it into the
// community as a draft, change one field (and undo/redo the change), publish, and file a record
// that carries the change. Then two tabs on one draft: the second save is refused and names who
// saved first, and nothing is overwritten.
import { chooseOption, expect, pickTreeNode, signIn, test } from "./fixtures";

test.describe.configure({ timeout: 240_000 });
test.use({ actionTimeout: 15_000 });

test("an admin installs 志愿者活动 from the gallery, adapts a field, publishes it and files a record", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: "模板中心" }).click();
  await page.getByRole("button", { name: "预览 志愿者活动" }).click();
  const preview = page.getByRole("dialog", { name: "志愿者活动" });
  await expect(preview.getByText("待认定时长（7 天内）", { exact: true })).toBeVisible();
  await expect(preview.getByText("报名及签到志愿者", { exact: true })).toBeVisible();
  await preview.getByRole("button", { name: "Close" }).or(preview.getByLabel("Close")).first().click();

  await page.getByRole("button", { name: "安装 志愿者活动" }).click();
  const name = `志愿者活动${Date.now() % 10000}`;
  await page.getByLabel("服务名称").fill(name);
  await page.getByRole("button", { name: /确\s?定/ }).click();
  await expect(page.getByRole("tab", { name: "基本信息" })).toBeVisible();
  await expect(page.getByRole("heading", { name, level: 3 })).toBeVisible();

  // change one field: 活动地点 gets a clearer name; undo and redo it
  await page.getByRole("tab", { name: "表单" }).click();
  const list = page.getByRole("list", { name: "表单字段" });
  await list.getByText("活动地点", { exact: true }).click();
  await page.getByLabel("字段名称", { exact: true }).fill("活动地点（小区或楼栋）");
  await expect(list.getByText("活动地点（小区或楼栋）", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "撤销" }).click();
  await expect(list.getByText("活动地点（小区或楼栋）", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "重做" }).click();
  await expect(list.getByText("活动地点（小区或楼栋）", { exact: true })).toBeVisible();
  await expect(page.getByText(/已自动保存/)).toBeVisible();

  await page.getByRole("tab", { name: "发布" }).click();
  await expect(page.getByText("定义检查通过，可以发布。")).toBeVisible();
  await page.getByRole("button", { name: "发布为第 1 版" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^发\s?布$/ })
    .click();
  await expect(page.getByText("已发布第 1 版", { exact: true })).toBeVisible();

  // the published service is in the menu at once, with the adapted field
  await page.getByRole("menuitem", { name }).click();
  await page.getByRole("button", { name: "新建" }).click();
  await expect(page.getByRole("textbox", { name: "活动地点（小区或楼栋）" })).toBeVisible();
  await page.getByRole("textbox", { name: "活动名称" }).fill("冬季楼道清理");
  await chooseOption(page, page.getByRole("combobox", { name: "服务类别" }), "环境整治");
  for (const [label, value] of [
    ["开始时间", "2026-12-05 09:00"],
    ["结束时间", "2026-12-05 11:00"],
  ]) {
    await page.getByRole("textbox", { name: label }).click();
    await page.getByRole("textbox", { name: label }).fill(value);
    // a date with a time is taken with the picker's own confirm button
    await page
      .getByRole("button", { name: /^确\s?定$/ })
      .filter({ visible: true })
      .click();
    await expect(page.getByRole("textbox", { name: label })).toHaveValue(value);
  }
  await page.getByRole("textbox", { name: "活动地点（小区或楼栋）" }).fill("牯牛坪小区 3 栋");
  await pickTreeNode(page, page.getByRole("combobox", { name: "组织社区" }), "牯牛坪社区", { force: true });
  await page.getByRole("spinbutton", { name: "招募人数" }).fill("10");
  await page.getByRole("textbox", { name: "活动内容" }).fill("清理楼道堆放杂物，排查消防隐患。");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("策划中").first()).toBeVisible();
  await expect(page.getByText("牯牛坪小区 3 栋")).toBeVisible();
});

test("two tabs on one draft: the later save is refused, names who saved first, and overwrites nothing", async ({ browser }) => {
  const first = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const second = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  for (const page of [first, second]) await signIn(page, "admin@demo.local");
  await first.getByRole("menuitem", { name: "服务管理" }).click();
  await first.getByRole("button", { name: "新建服务" }).click();
  const name = `并发草稿${Date.now() % 10000}`;
  await first.getByLabel("服务名称").fill(name);
  await first.getByRole("button", { name: /确\s?定/ }).click();
  await expect(first.getByRole("tab", { name: "基本信息" })).toBeVisible();
  await second.goto(first.url());
  await expect(second.getByLabel("服务说明", { exact: true })).toBeVisible();

  await first.getByLabel("服务说明", { exact: true }).fill("第一位管理员写的说明");
  await expect(first.getByText(/已自动保存/)).toBeVisible();
  await second.getByLabel("服务说明", { exact: true }).fill("第二位管理员写的说明");
  await expect(second.getByText(/田晓梅 在 .* 保存了这个服务的草稿/)).toBeVisible();
  await expect(second.getByText("未保存：他人已修改")).toBeVisible();

  // nothing was overwritten: the draft holds the first text; loading theirs shows it
  await second.getByRole("button", { name: "载入对方的版本" }).click();
  await expect(second.getByLabel("服务说明", { exact: true })).toHaveValue("第一位管理员写的说明");
});
