// Journey: staff registers an 老年优待证 application with its photo, accepts it, checks the
// originals offline (线下核验 checklist), reads the history, and exports the filtered list to
// Excel with the ID number masked; the community admin then approves it (社区初审通过并报街道),
// which moves the record up to the street office. The age is derived from the ID number.
import ExcelJS from "exceljs";
import { randomInt } from "node:crypto";
import { expect, pickTreeNode, signIn, signOut, test } from "./fixtures";

// A 1×1 PNG: the bucket accepts images, and the photo field wants jpeg or png.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** A valid GB 11643 ID number of 吉首市 for someone born in 1955. */
function idNumber(): string {
  const first17 = `433101195503${String(randomInt(10, 29))}${String(randomInt(100, 999))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

/** Completed years on today's date in China for the birth date in an ID number. */
function ageOf(id: string): number {
  const [year, month, day] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const [y, m, d] = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).split("-").map(Number);
  return y - year - (m < month || (m === month && d < day) ? 1 : 0);
}

test("staff takes an elderly-benefit application through acceptance and offline checks, then exports it", async ({ page }) => {
  test.setTimeout(180_000);
  const applicant = `测试老人${randomInt(1000, 9999)}`;
  const id = idNumber();

  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await expect(page.getByRole("heading", { name: "老年优待证/高龄津贴" })).toBeVisible();
  await page.getByRole("button", { name: "新建" }).click();

  await page.getByRole("radio", { name: "老年人优待证（60 周岁以上）" }).check();
  await page.getByLabel("申请人姓名").fill(applicant);
  await page.getByLabel("申请人身份证号").fill(id);
  // the age is computed from the ID number, never typed
  await expect(page.getByLabel("年龄（周岁）")).toHaveValue(String(ageOf(id)));
  await expect(page.getByLabel("年龄（周岁）")).toBeDisabled();
  await page.getByLabel("联系电话").fill("13912345678");
  await pickTreeNode(page, page.getByLabel("所属网格"), "第一网格");
  await page.getByLabel("现居住地址").fill("吉首市吉凤街道牯牛坪社区 3组 12号");
  await page.getByRole("radio", { name: "本地户籍", exact: true }).check();
  // hidden until it applies: proof of residence is only asked of non-local applicants
  await expect(page.getByText("居住证明")).toHaveCount(0);
  await page.locator("#record-field-photo input[type=file]").setInputFiles({ name: "证件照.png", mimeType: "image/png", buffer: PNG });
  // uploaded once the list shows the file alone, with no upload in progress
  await expect(page.getByText("证件照.png")).toHaveCount(1);
  await expect(page.getByText("文件上传中")).toHaveCount(0);
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page).toHaveURL(/\/s\/elderly_benefit\/show\//);
  await expect(page.getByText("待受理").first()).toBeVisible();
  await expect(page.getByRole("img", { name: "证件照.png" })).toBeVisible();

  await page.getByRole("button", { name: "受理", exact: true }).click();
  await page.getByRole("dialog", { name: "受理" }).getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("已受理·待核验原件").first()).toBeVisible();

  await page.getByRole("button", { name: "核验原件" }).click();
  const verify = page.getByRole("dialog", { name: "核验原件" });
  const submit = verify.getByRole("button", { name: "确认" });
  await expect(submit).toBeDisabled();
  // click, then wait for the tick: the box is controlled by the dialog's form state
  const tick = async (name: string | RegExp) => {
    const box = verify.getByRole("checkbox", { name });
    await box.click();
    await expect(box).toBeChecked();
  };
  for (const item of ["身份证原件已核对并当场退还", "户口簿原件（户主页及本人页）已核对"]) await tick(item);
  await expect(submit).toBeDisabled();
  await tick(/居住证明、银行卡等适用材料已核对/);
  await verify.getByLabel("处理意见").fill("原件齐全");
  await submit.click();
  await expect(page.getByText("原件已核验·待社区初审").first()).toBeVisible();

  const history = page.getByRole("list").filter({ hasText: "创建了记录" });
  await expect(history).toContainText("彭丽 创建了记录");
  await expect(history).toContainText("执行了“受理”");
  await expect(history).toContainText("执行了“核验原件”");
  await expect(history).toContainText("原件齐全");
  await expect(history.getByRole("list", { name: "线下核验" })).toContainText("身份证原件已核对并当场退还");

  // Export exactly what the list shows: one application, found by name.
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await page.getByLabel("关键字搜索").fill(applicant);
  await page.getByLabel("关键字搜索").press("Enter");
  await expect(page.getByText("共 1 条")).toBeVisible();
  await page.getByRole("button", { name: "导出" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("dialog", { name: /导出/ }).getByRole("button", { name: "开始导出" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^老年优待证_高龄津贴-\d{4}-\d{2}-\d{2}\.xlsx$/);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(headers).toEqual(["申请人姓名", "申请人身份证号", "年龄（周岁）", "申请事项", "所属网格", "状态", "办理时限", "提交时间"]);
  expect(sheet.rowCount).toBe(2);
  const row = (sheet.getRow(2).values as unknown[]).slice(1);
  expect(row[0]).toBe(applicant);
  expect(row[1]).toBe(`${id.slice(0, 3)}${"*".repeat(14)}${id.slice(17)}`);
  expect(row[2]).toBe(ageOf(id));
  expect(row[3]).toBe("老年人优待证（60 周岁以上）");
  expect(row[4]).toBe("第一网格");
  expect(row[5]).toBe("原件已核验·待社区初审");

  // 社区初审 is the community admin's: approving sends the record up to the street office.
  await page.getByRole("link", { name: "查看" }).first().click();
  await expect(page).toHaveURL(/\/s\/elderly_benefit\/show\//);
  const recordUrl = page.url();
  await signOut(page);
  await signIn(page, "admin@demo.local");
  await expect(page.getByRole("banner").getByText("田晓梅")).toBeVisible();
  await page.goto(recordUrl);
  await page.getByRole("button", { name: "社区初审通过并报街道" }).click();
  await page.getByRole("dialog", { name: "社区初审通过并报街道" }).getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("已上报上级单位，记录已移交")).toBeVisible();
  await expect(page).toHaveURL(/\/s\/elderly_benefit(\?|$)/);
});
