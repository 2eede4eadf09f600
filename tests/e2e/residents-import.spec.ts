// Journey (issue 12, must show): staff of 牯牛坪社区 download the residents' import template, fill
// it with 1,000 synthetic people of their three grids — 5 of them broken on purpose (a wrong ID
// check character, a 10-digit phone, an unknown 民族, no name, a grid of another community) —
// and get a report naming exactly those 5 rows, on screen and in the downloaded error report.
// They import the 995 good rows, fix the 5 and import the whole file again: 5 new people, 995
// unchanged, and the database holds exactly 1,000 people with these numbers (nobody twice), in
// the 250 households of four their 户号 and 与户主关系 columns name.
import { randomInt } from "node:crypto";
import ExcelJS from "exceljs";
import pg from "pg";
import { expect, signIn, test } from "./fixtures";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const rows = 1000;
/** data row i sits under the header and the template's example row */
const excelRow = (i: number) => i + 3;
const faults = new Map<number, string>([
  [6, "check"],
  [250, "phone"],
  [501, "ethnicity"],
  [777, "name"],
  [998, "grid"],
]);

// An area code no seeded or linked person uses, fresh per run: these people are new.
const area = `5${randomInt(10_000, 99_999)}`;

function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return "10X98765432"[[...first17].reduce((sum, digit, i) => sum + Number(digit) * weights[i]!, 0) % 11]!;
}

const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const given = ["建国", "秀英", "桂花", "志强", "丽", "军", "海燕", "明", "春梅", "德华", "玉兰", "小龙"];
const nations = ["汉族", "苗族", "土家族"];
const grids = ["第一网格", "第二网格", "第三网格"];

/** The people: birth dates from 1931 on, one a day; `broken` breaks the fault rows. */
function person(i: number, broken: boolean): (string | null)[] {
  const born = new Date(Date.UTC(1931, 0, 1) + i * 86_400_000 * 17);
  const first17 = `${area}${born.toISOString().slice(0, 10).replaceAll("-", "")}${String(100 + (i % 900)).padStart(3, "0")}`;
  let id = first17 + checkChar(first17);
  let name: string | null = `${surnames[i % surnames.length]}${given[i % given.length]}`;
  let phone = `139${String(10_000_000 + i * 7919).slice(0, 8)}`;
  let nation = nations[i % 3]!;
  let grid = grids[i % 3]!;
  const fault = broken ? faults.get(i) : undefined;
  if (fault === "check") id = first17 + (id.endsWith("0") ? "1" : "0");
  if (fault === "phone") phone = phone.slice(0, 10);
  if (fault === "ethnicity") nation = "火星族";
  if (fault === "name") name = null;
  if (fault === "grid") grid = "湾溪社区第一网格";
  return [
    name,
    id,
    phone,
    Number(first17[16]) % 2 === 1 ? "男" : "女",
    nation,
    "群众",
    null,
    `牯牛坪社区 ${(i % 8) + 1} 组 ${i + 1} 号`,
    grid,
    i % 50 === 0 ? "志愿者" : null,
    null,
    null,
    // four people to a household: its head, spouse, son and daughter
    `${area}${String(Math.floor(i / 4)).padStart(4, "0")}`,
    ["户主", "配偶", "子", "女"][i % 4]!,
  ];
}

/** The downloaded template, filled below its example row. */
async function filled(template: ExcelJS.Workbook, broken: boolean): Promise<Buffer> {
  const sheet = template.worksheets[0]!;
  for (let i = 0; i < rows; i += 1) sheet.getRow(excelRow(i)).values = person(i, broken);
  return Buffer.from(await template.xlsx.writeBuffer());
}

async function inDatabase<T>(query: string): Promise<T> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    return (await db.query(query, [`${area}%`])).rows[0] as T;
  } finally {
    await db.end();
  }
}

const peopleInArea = async () =>
  Number((await inDatabase<{ n: string }>("select count(*) as n from private.resident_sensitive_values where id_number like $1")).n);

/** The households of this run's sheet: how many, their members, their heads. */
const householdsInArea = () =>
  inDatabase<{ households: number; members: number; heads: number }>(
    `select count(distinct h.id)::int as households, count(m.resident_id)::int as members, count(m.resident_id) filter (where m.relation = '02')::int as heads
       from public.households h left join public.household_members m on m.household_id = h.id where h.household_number like $1`,
  );

async function upload(page: import("@playwright/test").Page, trigger: import("@playwright/test").Locator, name: string, buffer: Buffer) {
  const chooser = page.waitForEvent("filechooser");
  await trigger.click();
  await (await chooser).setFiles({ name, mimeType: xlsx, buffer });
}

test("staff import 1,000 residents: 5 bad rows reported exactly, 995 imported, the fixed file adds 5 and duplicates nobody", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "staff@demo.local");
  await page.goto("/residents");
  await page.getByRole("button", { name: /导\s?入/ }).click();
  await expect(page.getByRole("heading", { name: "导入居民" })).toBeVisible();

  // the template: Chinese headers, required ones marked, an example row, the allowed values
  const templateDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载导入模板" }).click();
  const template = new ExcelJS.Workbook();
  await template.xlsx.readFile(await (await templateDownload).path());
  const header = template.worksheets[0]!.getRow(1).values as unknown[];
  expect(header.slice(1)).toEqual([
    "姓名*",
    "身份证号*",
    "联系电话",
    "性别",
    "民族",
    "政治面貌",
    "婚姻状况",
    "住址",
    "所属网格*",
    "标签",
    "户籍地区划代码",
    "户籍地址",
    "户号",
    "与户主关系",
  ]);
  expect(String(template.worksheets[0]!.getCell("A2").value)).toMatch(/^示例：/);
  const allowed = template.getWorksheet("可选值")!;
  const allowedColumn = (name: string) => {
    const index = (allowed.getRow(1).values as unknown[]).indexOf(name);
    return allowed
      .getColumn(index)
      .values.slice(2)
      .filter((v) => v !== null && v !== undefined);
  };
  // grids first, then the community (for a person whose grid is not known)
  expect(allowedColumn("所属网格")).toEqual([...grids, "牯牛坪社区"]);
  expect(allowedColumn("民族")).toEqual(expect.arrayContaining(["汉族", "苗族", "土家族"]));
  expect(allowedColumn("标签")).toEqual(expect.arrayContaining(["退役军人", "志愿者"]));
  expect(allowedColumn("标签")).not.toContain("60岁以上");
  const broken = await filled(template, true);
  const fixed = await filled(template, false);

  // a file that is no workbook: explained, nothing imported
  await upload(page, page.getByText("点击选择或拖拽 .xlsx 或 .csv 文件到这里"), "名单.xlsx", Buffer.from("这不是表格"));
  await expect(page.getByText(/无法读取该文件/)).toBeVisible();

  await upload(page, page.getByText("点击选择或拖拽 .xlsx 或 .csv 文件到这里"), "居民名单.xlsx", broken);
  await expect(page.getByText("居民名单.xlsx：1,000 行数据，14 列")).toBeVisible();
  // every header found its column by name
  await expect(page.getByRole("combobox", { name: "所属网格* 导入到" })).toBeVisible();
  await expect(page.getByText("（不导入）")).toHaveCount(0);
  await page.getByRole("button", { name: "校验 1,000 行" }).click();

  await expect(page.getByText("5 行有问题，995 行无误")).toBeVisible({ timeout: 60_000 });
  const bad = [...faults.keys()].map(excelRow);
  await expect(page.getByText(`有问题的行（Excel 行号）：${bad.join("、")}`)).toBeVisible();
  const report = page.getByRole("region", { name: "问题清单" });
  const problems = report.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(problems).toHaveCount(5);
  for (const [n, [column, text]] of [
    // named by the sheet's own headers (the template's * included)
    ["身份证号*", /校验位不符/],
    ["联系电话", /手机号/],
    ["民族", /火星族/],
    ["姓名*", /请填写姓名/],
    ["所属网格*", /湾溪社区第一网格/],
  ].entries() as IterableIterator<[number, [string, RegExp]]>) {
    await expect(problems.nth(n).getByRole("cell").nth(0)).toHaveText(`第 ${bad[n]} 行`);
    await expect(problems.nth(n).getByRole("cell").nth(1)).toHaveText(column);
    await expect(problems.nth(n).getByRole("cell").nth(2)).toContainText(text);
  }
  await expect(page.getByText("预计新增 995 人、更新 0 人、0 人不变")).toBeVisible();

  // the error report: the 5 rows as they were, with their row numbers and what is wrong
  const reportDownload = page.waitForEvent("download");
  await report.getByRole("button", { name: "下载错误报告" }).click();
  const reportBook = new ExcelJS.Workbook();
  await reportBook.xlsx.readFile(await (await reportDownload).path());
  const reportSheet = reportBook.worksheets[0]!;
  const reportHeader = reportSheet.getRow(1).values as unknown[];
  expect(reportHeader.slice(-2)).toEqual(["原行号", "错误说明"]);
  expect(reportSheet.rowCount).toBe(6);
  expect(reportSheet.getColumn(reportHeader.indexOf("原行号")).values.slice(2)).toEqual(bad);
  expect(String(reportSheet.getRow(2).getCell(reportHeader.indexOf("错误说明")).value)).toMatch(/^身份证号\*：身份证号校验位不符/);
  expect(await peopleInArea()).toBe(0);

  await page.getByRole("button", { name: "仅导入无误的 995 行" }).click();
  await page.getByRole("button", { name: /^导\s?入$/ }).click();
  await expect(page.getByText("新增 995 人、更新 0 人、未变 0 人")).toBeVisible({ timeout: 60_000 });
  expect(await peopleInArea()).toBe(995);

  // the fixed file, all 1,000 rows again: the mapping is remembered, only the 5 are new
  await page.getByRole("button", { name: "继续导入" }).click();
  await upload(page, page.getByText("点击选择或拖拽 .xlsx 或 .csv 文件到这里"), "居民名单-已改正.xlsx", fixed);
  await page.getByRole("button", { name: "校验 1,000 行" }).click();
  await expect(page.getByText("全部 1000 行通过校验")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText("预计新增 5 人、更新 0 人、995 人不变")).toBeVisible();
  await page.getByRole("button", { name: "导入 1000 行" }).click();
  await expect(page.getByText("新增 5 人、更新 0 人、未变 995 人")).toBeVisible({ timeout: 60_000 });
  expect(await peopleInArea()).toBe(1000);
  // 户号 and 与户主关系 made 250 households of four, each with one head
  expect(await householdsInArea()).toEqual({ households: 250, members: 1000, heads: 250 });
});

test("the registry's export writes the filtered people with ID numbers and phones masked", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  await page.goto("/residents?q=xdf");
  await expect(page.getByRole("link", { name: "向德福", exact: true })).toBeVisible();
  await page.getByRole("button", { name: /导\s?出/ }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "开始导出" }).click();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await (await downloading).path());
  const sheet = book.worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["姓名", "身份证号", "电话", "性别", "年龄", "所在网格", "标签"]);
  const person = (sheet.getRow(2).values as unknown[]).slice(1);
  expect(person[0]).toBe("向德福");
  expect(String(person[1])).toMatch(/^433\*+\w$/);
  expect(String(person[2])).toMatch(/^139\*{4}\d{4}$/);
  expect(sheet.rowCount).toBe(2);
});
