// Journey: staff import a 20-row sheet into 居民议事. Two of its headers are their own words
// (类别, 网格), mapped by hand; two rows are broken (a topic not on the list, no title) and are
// reported by their Excel rows; the 18 others become records. Uploading the sheet again, the two
// hand-made choices come back from the remembered mapping.
import { randomInt } from "node:crypto";
import ExcelJS from "exceljs";
import pg from "pg";
import { chooseOption, expect, signIn, test } from "./fixtures";

const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const marker = `议题${randomInt(100_000, 999_999)}`;
const topics = ["停车管理", "环境卫生", "公共设施", "文体活动"];

async function sheet(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("议事台账");
  ws.addRow(["类别", "建议标题", "建议内容", "匿名提出", "网格"]);
  for (let i = 0; i < 20; i += 1) {
    // Excel rows 5 and 14 are broken: a topic not on the list, no title
    const topic = i === 3 ? "火箭发射" : topics[i % topics.length];
    const title = i === 12 ? null : `${marker}-${i + 1}`;
    ws.addRow([topic, title, `第 ${i + 1} 条居民建议的内容`, "是", ["第一网格", "第二网格", "第三网格"][i % 3]]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function importedRecords(): Promise<number> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ n: string }>(
      "select count(*) as n from public.records r join public.services s on s.id = r.service_id where s.key = 'resident_proposal' and r.data->>'title' like $1",
      [`${marker}-%`],
    );
    return Number(rows[0]!.n);
  } finally {
    await db.end();
  }
}

/** The mapping table's row of a sheet header (its select shows the chosen target). */
const mappingRow = (page: import("@playwright/test").Page, header: string) =>
  page.getByRole("row").filter({ has: page.getByRole("combobox", { name: `${header} 导入到` }) });

async function pick(page: import("@playwright/test").Page, header: string, target: string) {
  await chooseOption(page, page.getByRole("combobox", { name: `${header} 导入到` }), target);
  await expect(mappingRow(page, header)).toContainText(`${target} *`);
}

test("staff import 居民议事 records: columns mapped by hand, 2 bad rows reported, 18 imported, the mapping remembered", async ({ page }) => {
  test.setTimeout(90_000);
  const buffer = await sheet();
  await signIn(page, "staff@demo.local");
  await page.goto("/s/resident_proposal");
  await page.getByRole("button", { name: /导\s?入/ }).click();
  await expect(page.getByRole("heading", { name: "导入「居民议事」记录" })).toBeVisible();

  const upload = async () => {
    const chooser = page.waitForEvent("filechooser");
    await page.getByText("点击选择或拖拽 .xlsx 或 .csv 文件到这里").click();
    await (await chooser).setFiles({ name: "议事台账.xlsx", mimeType: xlsx, buffer });
  };
  await upload();
  await expect(page.getByText("议事台账.xlsx：20 行数据，5 列")).toBeVisible();
  // labels matched by themselves; the two own words wait for a choice, and the check waits for them
  await expect(mappingRow(page, "建议标题")).toContainText("建议标题 *");
  await expect(page.getByText("必填项「建议类别」还没有对应的列")).toBeVisible();
  await expect(page.getByRole("button", { name: "校验 20 行" })).toBeDisabled();
  await pick(page, "类别", "建议类别");
  await pick(page, "网格", "所在网格");
  await page.getByRole("button", { name: "校验 20 行" }).click();

  await expect(page.getByText("2 行有问题，18 行无误")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("有问题的行（Excel 行号）：5、14")).toBeVisible();
  const problems = page
    .getByRole("region", { name: "问题清单" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell") });
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0)).toContainText(/第 5 行类别/);
  await expect(problems.nth(1)).toContainText(/第 14 行建议标题/);
  await expect(page.getByText("预计新增 18 条记录")).toBeVisible();
  expect(await importedRecords()).toBe(0);

  await page.getByRole("button", { name: "仅导入无误的 18 行" }).click();
  await page.getByRole("button", { name: /^导\s?入$/ }).click();
  await expect(page.getByText("新增 18 条记录")).toBeVisible({ timeout: 30_000 });
  expect(await importedRecords()).toBe(18);

  // the same sheet again: the hand-made choices are remembered
  await page.getByRole("button", { name: "继续导入" }).click();
  await upload();
  await expect(mappingRow(page, "类别")).toContainText("建议类别 *");
  await expect(mappingRow(page, "网格")).toContainText("所在网格 *");
  await expect(page.getByRole("button", { name: "校验 20 行" })).toBeEnabled();

  await page.getByRole("link", { name: "返回列表" }).click();
  // the list writes its paging and sort into the URL once it has loaded
  await expect(page).toHaveURL(/\/s\/resident_proposal(\?.*)?$/);
});
