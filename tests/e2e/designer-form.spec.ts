// The designer's 表单 page as the community administrator, on the service their community owns
// (居民议事): a field added from the palette by click and by drag, named (its key follows in
// pinyin), given options and a condition with pickers, shown live in the preview (the field
// appears for one choice only), an age computed from an ID number, a sensitive field refused as a
// condition, reordered by keyboard
// and buttons, deleted and restored; a published field offers 改为新字段 instead of a type change.
// The draft is put back at the end, so the other designer journeys see the service as seeded.
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

type Draft = { id: string; draft: unknown; draft_removed_fields: unknown };

/** A valid GB 11643 ID number of 吉首市 for someone born on 1 January 1950, and that person's age today in China. */
function idNumberOf1950(): { id: string; age: number } {
  const first17 = "43310119500101123";
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
  return { id: first17 + "10X98765432"[sum % 11], age: year - 1950 };
}

test("表单: fields from the palette, options and a condition by pickers, live preview, reorder, delete and restore", async ({ page }) => {
  test.setTimeout(180_000);
  const [before] = await query<Draft>("select id, draft, draft_removed_fields from public.services where key = 'resident_proposal'");
  try {
    await signIn(page, "admin@demo.local");
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`/services/${before.id}/design/form`);
    const list = page.getByRole("list", { name: "表单字段" });
    const rows = list.getByRole("listitem");
    const preview = page.getByRole("form", { name: "表单预览" });
    await expect(rows.first()).toContainText("建议类别");

    // click: added after the selected field (the first), named, key from the name
    await page.getByRole("button", { name: "添加下拉单选" }).click();
    await page.getByLabel("字段名称", { exact: true }).fill("充电桩类型");
    await expect(rows.nth(1)).toContainText("充电桩类型");
    await page.getByRole("tab", { name: "选项与校验" }).click();
    await page.getByLabel("选项 选项名称 1").fill("交流慢充");
    await page.getByLabel("选项 选项名称 2").fill("直流快充");
    await expect(page.getByText("zhi_liu_kuai_chong")).toBeVisible();
    await page.getByRole("tab", { name: "高级" }).click();
    await expect(page.getByLabel("键名")).toHaveValue("chong_dian_zhuang_lei_xing");
    await expect(page.getByText("发布后不可更改")).toBeVisible();

    // a second field, shown only when 直流快充 is chosen
    await page.getByRole("button", { name: "添加单行文本" }).click();
    await page.getByLabel("字段名称", { exact: true }).fill("快充功率说明");
    await page.getByRole("tab", { name: "显示与必填" }).click();
    await page.getByRole("button", { name: "设置条件" }).first().click();
    const fieldPicker = page.getByLabel("显示条件：字段").first();
    await fieldPicker.click();
    // a sensitive field is offered but refused: picking it changes nothing
    await page.getByRole("combobox", { name: "显示条件：字段" }).fill("联系电话");
    await page.getByTitle("联系电话（敏感字段，不能作为条件）").click();
    await expect(fieldPicker).toContainText("建议类别");
    await page.getByRole("combobox", { name: "显示条件：字段" }).fill("充电桩");
    await page.keyboard.press("Enter");
    await expect(fieldPicker).toContainText("充电桩类型");
    await page.getByLabel("显示条件：值").first().click();
    await page.getByTitle("直流快充").click();

    // the preview is the real form: the field appears for that choice only
    await expect(preview.getByText("快充功率说明")).toHaveCount(0);
    await preview.getByLabel("充电桩类型").click();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(preview.getByText("快充功率说明")).toBeVisible();

    // keyboard drag: pick up with Space, move up, drop
    await expect(rows.nth(2)).toContainText("快充功率说明");
    const handle = page.getByRole("button", { name: /^拖动「快充功率说明」/ });
    await handle.focus();
    // each key waits for the announcement of the one before (what a screen reader hears)
    await page.keyboard.press("Space");
    await expect(page.getByText("「快充功率说明」将移到第 3 位")).toBeAttached();
    await page.keyboard.press("ArrowUp");
    await expect(page.getByText("「快充功率说明」将移到第 2 位")).toBeAttached();
    await page.keyboard.press("Space");
    await expect(page.getByText("「快充功率说明」已放到第 2 位")).toBeAttached();
    await expect(rows.nth(1)).toContainText("快充功率说明");
    // and the buttons
    await page.getByRole("button", { name: "下移 快充功率说明" }).click();
    await expect(rows.nth(2)).toContainText("快充功率说明");

    // pointer drag from the palette onto the first field: the new field takes its place
    const source = page.getByRole("button", { name: "添加日期", exact: true });
    const target = rows.first();
    const from = (await source.boundingBox())!;
    const to = (await target.boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 10, { steps: 15 });
    await page.mouse.up();
    await expect(rows.first()).toContainText("日期");

    // an age computed from an ID number: the source is the form's ID number, picked for the admin
    await page.getByRole("button", { name: "添加身份证号" }).click();
    await page.getByLabel("字段名称", { exact: true }).fill("申请人身份证号");
    await page.getByRole("button", { name: "添加数字" }).click();
    await page.getByLabel("字段名称", { exact: true }).fill("申请人年龄");
    await page.getByRole("tab", { name: "自动计算" }).click();
    await page.getByRole("radio", { name: "计算年龄（周岁）" }).check();
    const person = idNumberOf1950();
    await preview.getByLabel("申请人身份证号").fill(person.id);
    await expect(preview.getByLabel("申请人年龄")).toHaveValue(String(person.age));
    await expect(preview.getByLabel("申请人年龄")).toBeDisabled();

    // delete, then restore from 已删除字段
    await page.getByRole("button", { name: "删除 快充功率说明" }).click();
    const confirmRemove = page.getByRole("button", { name: "删 除" }).or(page.getByRole("button", { name: "删除", exact: true }));
    await expect(confirmRemove).toBeVisible();
    // the confirm bubble may still be settling under load: its button is the one to press
    await confirmRemove.click({ force: true });
    await expect(list.getByText("快充功率说明")).toHaveCount(0);
    await page.getByText("已删除字段（1）").click();
    await page.getByRole("button", { name: "恢复 快充功率说明" }).click();
    await expect(rows.last()).toContainText("快充功率说明");

    // a published field keeps its type: 改为新字段 is offered instead
    await list.getByText("建议类别").click();
    await page.getByRole("tab", { name: "高级" }).click();
    await expect(page.getByRole("button", { name: "改为新字段" })).toBeVisible();
    await expect(page.getByText("这个字段已经发布")).toBeVisible();
  } finally {
    await query("update public.services set draft = $2, draft_removed_fields = $3 where id = $1", [
      before.id,
      before.draft,
      JSON.stringify(before.draft_removed_fields),
    ]);
  }
});
