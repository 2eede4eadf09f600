// Journey: a community admin turns the roster they keep in Excel (12 columns, 200 residents) into a
// service. Every column's type is guessed right; the import finds the 3 rows broken on purpose (a
// wrong ID check character, a 10-digit phone, 30 February) by their Excel row numbers and creates
// NOTHING; the corrected sheet, uploaded again, becomes a service with 200 records.
import { randomInt } from "node:crypto";
import pg from "pg";
import { expect, signIn, test } from "./fixtures";
import { rosterHeaders, rosterRows, rosterTypes, rosterWorkbook, type RosterFault } from "../support/sheet-roster";

const typeLabels: Record<string, string> = {
  text: "单行文本",
  select: "下拉单选",
  id_number: "身份证号",
  date: "日期",
  phone: "电话",
  number: "数字",
  boolean: "是/否",
  money: "金额（元）",
};

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Services with this name, and their records, as the database holds them. */
async function stored(name: string): Promise<{ services: number; records: number }> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ services: string; records: string }>(
      `select (select count(*) from public.services where name = $1) as services,
              (select count(*) from public.records r join public.services s on s.id = r.service_id where s.name = $1) as records`,
      [name],
    );
    return { services: Number(rows[0].services), records: Number(rows[0].records) };
  } finally {
    await db.end();
  }
}

test("a 200-row roster becomes a service: types inferred, 3 bad rows reported and nothing imported, then all 200 imported", async ({ page }) => {
  test.setTimeout(240_000);
  const name = `居民花名册${randomInt(1000, 9999)}`;
  const faults = new Map<number, RosterFault>([
    [9, "id_check_digit"],
    [98, "phone"],
    [149, "date"],
  ]);
  // a title row above the header: data row i is Excel row i + 3
  const broken = await rosterWorkbook(rosterRows(200, faults));
  const corrected = await rosterWorkbook(rosterRows(200));

  await signIn(page, "admin@demo.local");
  await page.goto("/services/new/from-sheet");
  await expect(page.getByRole("heading", { name: "从表格创建服务" })).toBeVisible();
  // a file that is not a workbook is explained, not a crash
  const wrong = page.waitForEvent("filechooser");
  await page.getByText("点击选择或拖拽 .xlsx 文件到这里").click();
  await (await wrong).setFiles({ name: "花名册.xlsx", mimeType: xlsx, buffer: Buffer.from("这不是表格") });
  await expect(page.getByText("无法读取该文件：请上传 Excel 的 .xlsx 文件（.xls 或 WPS 文件请先另存为 .xlsx）")).toBeVisible();
  const chooser = page.waitForEvent("filechooser");
  await page.getByText("点击选择或拖拽 .xlsx 文件到这里").click();
  await (await chooser).setFiles({ name: `${name}.xlsx`, mimeType: xlsx, buffer: broken });

  await expect(page.getByText(/表头在第 2 行，12 列，200 行数据/)).toBeVisible();
  for (const [column, header] of rosterHeaders.entries()) {
    const type = page.getByRole("combobox", { name: `${header} 的类型` });
    const row = page.getByRole("row").filter({ has: type });
    await expect(row.getByRole("cell").nth(1), header).toHaveText(typeLabels[rosterTypes[column]]);
  }
  // the choices carry their options, the ID number is sensitive
  await expect(page.getByRole("row").filter({ has: page.getByRole("combobox", { name: "民族 的类型" }) })).toContainText("汉族 / 苗族 / 土家族");
  await expect(page.getByRole("checkbox", { name: "身份证号 是敏感信息" })).toBeChecked();
  await page.getByRole("button", { name: "下一步" }).click();

  await expect(page.getByLabel("服务名称")).toHaveValue(name);
  await expect(page.getByRole("checkbox", { name: "把表格中的 200 行导入为首批记录" })).toBeChecked();
  await page.getByRole("button", { name: "创建服务并导入 200 行" }).click();

  const report = page.getByRole("region", { name: "问题清单" });
  await expect(report.getByText("有 3 行未通过校验，没有导入任何记录")).toBeVisible();
  const problems = report.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(problems).toHaveCount(3);
  await expect(problems.nth(0)).toContainText(/^12身份证号/);
  await expect(problems.nth(1)).toContainText(/^101联系电话/);
  await expect(problems.nth(2)).toContainText(/^152最近走访/);
  expect(await stored(name)).toEqual({ services: 0, records: 0 });

  // the admin corrects the three rows in Excel and uploads the sheet again: the choices stay
  const again = page.waitForEvent("filechooser");
  await report.getByRole("button", { name: "重新上传修正后的表格" }).click();
  await (await again).setFiles({ name: `${name}.xlsx`, mimeType: xlsx, buffer: corrected });
  await expect(report).toHaveCount(0);
  await page.getByRole("button", { name: "创建服务并导入 200 行" }).click();

  await expect(page).toHaveURL(/\/s\/[a-z0-9_]+(\?|$)/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("共 200 条")).toBeVisible();
  expect(await stored(name)).toEqual({ services: 1, records: 200 });
});

test("without the rows, the sheet becomes a draft service opened in the designer; a sheet too big to import in one go says so", async ({ page }) => {
  const name = `志愿者名单${randomInt(1000, 9999)}`;
  await signIn(page, "admin@demo.local");
  await page.goto("/services/new/from-sheet");
  const chooser = page.waitForEvent("filechooser");
  await page.getByText("点击选择或拖拽 .xlsx 文件到这里").click();
  await (await chooser).setFiles({ name: `${name}.xlsx`, mimeType: xlsx, buffer: await rosterWorkbook(rosterRows(501)) });
  await page.getByRole("button", { name: "下一步" }).click();
  const importRows = page.getByRole("checkbox", { name: "把表格中的 501 行导入为首批记录" });
  await expect(importRows).toBeDisabled();
  await expect(importRows).not.toBeChecked();
  await expect(page.getByText("表格有 501 行，超过一次导入的上限（500 行）")).toBeVisible();
  await page.getByRole("button", { name: "创建服务草稿" }).click();
  await expect(page).toHaveURL(/\/services\/[0-9a-f-]{36}\/design$/);
  expect(await stored(name)).toEqual({ services: 1, records: 0 });
});

test("skipping the bad rows is an explicit choice, and imports exactly the others", async ({ page }) => {
  const name = `困难群众台账${randomInt(1000, 9999)}`;
  await signIn(page, "admin@demo.local");
  await page.goto("/services/new/from-sheet");
  const chooser = page.waitForEvent("filechooser");
  await page.getByText("点击选择或拖拽 .xlsx 文件到这里").click();
  const sheet = await rosterWorkbook(rosterRows(20, new Map<number, RosterFault>([[4, "phone"]])));
  await (await chooser).setFiles({ name: `${name}.xlsx`, mimeType: xlsx, buffer: sheet });
  await page.getByRole("button", { name: "下一步" }).click();
  await page.getByRole("button", { name: "创建服务并导入 20 行" }).click();
  const report = page.getByRole("region", { name: "问题清单" });
  await expect(report.getByRole("row").filter({ has: page.getByRole("cell") })).toHaveText([/^7联系电话/]);
  await report.getByRole("button", { name: "跳过这 1 行，导入其余 19 行" }).click();
  // nothing happens until the choice is confirmed
  expect(await stored(name)).toEqual({ services: 0, records: 0 });
  await page.getByRole("button", { name: "跳过并导入" }).click();
  await expect(page.getByText("共 19 条")).toBeVisible();
  expect(await stored(name)).toEqual({ services: 1, records: 19 });
});
