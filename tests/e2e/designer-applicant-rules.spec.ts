// The designer's 申请人规则 and 写入居民档案 as the community administrator, on a copy of 老年优待证
// installed from the gallery: the template's eligibility rules (≥ 60 for the card, ≥ 80 for the
// allowance) and duplicate settings show in the panels; the card's age becomes 65; 停止发放 gets a
// registry write that ends 老年优待证持证 beside 发放领取's, which sets it, only when the answer is
// 高龄津贴 (当); the published version holds both (read from the database).
import type { Page } from "@playwright/test";
import pg from "pg";
import { chooseOption, expect, signIn, test } from "./fixtures";

test.describe.configure({ timeout: 240_000 });
test.use({ actionTimeout: 15_000 });

async function query<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    return (await db.query<T>(text, params)).rows;
  } finally {
    await db.end();
  }
}

async function choose(page: Page, label: string, option: string) {
  await chooseOption(page, page.getByRole("combobox", { name: label }).first(), option);
}

type Transition = { key: string; tags?: { tag: string; action: string; when?: unknown }[] };
type Definition = { eligibility: { require: { value: number } }[]; workflow: { transitions: Transition[] } };

test("申请人规则 and 写入居民档案: the template's rules are shown, changed and published", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: "模板中心" }).click();
  await page.getByRole("button", { name: "安装 老年优待证/高龄津贴" }).click();
  const name = `老年优待${Date.now() % 100000}`;
  await page.getByLabel("服务名称").fill(name);
  await page.getByRole("button", { name: /确\s?定/ }).click();
  await expect(page.getByRole("heading", { name, level: 3 })).toBeVisible();

  // 表单 → 申请人规则: the template's rules, as pickers
  await page.getByRole("tab", { name: "表单" }).click();
  await page.getByRole("tab", { name: /申请人规则/ }).click();
  const cardAge = page.getByRole("spinbutton", { name: "申请条件 1 要求 1：值" });
  await expect(cardAge).toHaveValue("60");
  await expect(page.getByRole("spinbutton", { name: "申请条件 2 要求 1：值" })).toHaveValue("80");
  await expect(page.getByLabel("提示信息", { exact: true }).first()).toHaveValue(/须年满 60 周岁/);
  await expect(page.getByTitle("拒绝", { exact: true })).toBeVisible(); // a second open application
  await expect(page.getByTitle("提醒", { exact: true })).toBeVisible(); // the card already held …
  await expect(page.getByTitle("已领取", { exact: true })).toBeVisible(); // … in state 已领取
  await cardAge.fill("65");
  await cardAge.press("Tab");

  // 流程: 发放领取 sets 老年优待证持证; 停止发放 now ends it
  await page.getByRole("tab", { name: "流程" }).click();
  await page.getByText("表格", { exact: true }).click();
  await page.getByRole("button", { name: "编辑 发放领取" }).click();
  const panel = page.getByRole("form", { name: "流转：发放领取" });
  await expect(panel.getByTitle("老年优待证持证", { exact: true })).toBeVisible();
  await expect(panel.getByTitle("设置", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "编辑 停止发放（去世/迁出）" }).click();
  await page.getByRole("button", { name: "添加写入" }).click();
  await choose(page, "写入居民档案 写入 1 标签", "老年优待证持证");
  await choose(page, "写入居民档案 写入 1 动作", "结束");
  // 当: only for the allowance (a condition on the answers, with the answer pickers of 申请条件)
  await page
    .getByRole("group", { name: "写入居民档案 写入 1 当" })
    .getByRole("button", { name: /添加条件/ })
    .click();
  await choose(page, "写入居民档案 写入 1 当 1：值", "高龄津贴（80 周岁以上）");
  await expect(page.getByText(/已自动保存/)).toBeVisible();

  await page.getByRole("tab", { name: "发布" }).click();
  await expect(page.getByText("定义检查通过，可以发布。")).toBeVisible();
  await page.getByRole("button", { name: "发布为第 1 版" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^发\s?布$/ })
    .click();
  await expect(page.getByText("已发布第 1 版", { exact: true })).toBeVisible();

  const [{ definition }] = await query<{ definition: Definition }>(
    `select v.definition from public.service_versions v join public.services s on s.id = v.service_id where s.name = $1 and v.version = 1`,
    [name],
  );
  expect(definition.eligibility.map((rule) => rule.require.value)).toEqual([65, 80]);
  const tagsOf = (key: string) => definition.workflow.transitions.find((t) => t.key === key)?.tags;
  expect(tagsOf("hand_over")).toEqual([expect.objectContaining({ tag: "elderly_card_holder", action: "set" })]);
  expect(tagsOf("stop_payment")).toEqual([{ tag: "elderly_card_holder", action: "end", when: { field: "benefit_type", op: "eq", value: "allowance" } }]);

  // the copy keeps the template's English name: archived, so later journeys' menus name 老年优待证 once
  await query("update public.services set status = 'archived', row_version = row_version + 1, updated_at = now() where name = $1", [name]);
});
