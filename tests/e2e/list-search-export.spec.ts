// Journey (issue 9, items 5, 7, 8): staff find an application by the applicant's full ID number
// typed with spaces (a reason asked once, the search in the audit log), export the elderly list
// with every column unmasked after stating a reason; a leader's export of the same list is
// masked; the community admin reads both in the audit log. (我经办的: service-grid-event.spec.ts.)
import ExcelJS from "exceljs";
import { randomInt } from "node:crypto";
import { expect, pickTreeNode, signIn, signOut, test } from "./fixtures";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** A valid GB 11643 ID number of 吉首市 for someone born in 1944. */
function idNumber(): string {
  const first17 = `433101194403${String(randomInt(10, 29))}${String(randomInt(100, 999))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

async function workbookOf(download: { path(): Promise<string> }) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  return workbook.worksheets[0];
}

test("staff find a record by a full ID number and export it unmasked with a reason; a leader's export is masked", async ({ page }) => {
  test.setTimeout(240_000);
  const applicant = `查找老人${randomInt(1000, 9999)}`;
  const id = idNumber();

  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await page.getByRole("button", { name: "新建" }).click();
  await page.getByRole("radio", { name: "老年人优待证（60 周岁以上）" }).check();
  await page.getByLabel("申请人姓名").fill(applicant);
  await page.getByLabel("申请人身份证号").fill(id);
  const age = page.getByLabel("年龄（周岁）");
  if (await age.isEditable()) await age.fill(String(new Date().getFullYear() - 1944 - 1));
  await page.getByLabel("联系电话").fill("13912345678");
  await pickTreeNode(page, page.getByLabel("所属网格"), "第一网格");
  await page.getByLabel("现居住地址").fill("吉首市吉凤街道牯牛坪社区 5组 3号");
  await page.getByRole("radio", { name: "本地户籍", exact: true }).check();
  await page.locator("#record-field-photo input[type=file]").setInputFiles({ name: "证件照.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByText("证件照.png")).toHaveCount(1);
  await expect(page.getByText("文件上传中")).toHaveCount(0);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/s\/elderly_benefit\/show\//);

  // the full ID number, typed as read off a card: a reason once, then the record alone
  // (a click while the record page is still settling can be swallowed: click until the list is there)
  await expect(async () => {
    await page.getByRole("menuitem", { name: /老年优待证/ }).click();
    await expect(page.getByLabel("关键字搜索")).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await page.getByLabel("关键字搜索").fill(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`);
  await page.getByLabel("关键字搜索").press("Enter");
  const ask = page.getByRole("dialog", { name: "按完整证件号或电话查找" });
  await ask.getByLabel("查找原因").fill("窗口办理核对身份");
  await ask.getByRole("button", { name: "查找" }).click();
  await expect(page.getByText(/找到 1 条。本次查找已记入敏感信息访问日志/)).toBeVisible();
  await expect(page.getByRole("cell", { name: applicant })).toBeVisible();
  await expect(page.getByText("共 1 条")).toBeVisible();

  // every column, unmasked, with a reason
  await page.getByRole("button", { name: "导出" }).click();
  const exportDialog = page.getByRole("dialog", { name: /导出/ });
  await exportDialog.getByRole("button", { name: "全部字段" }).click();
  await exportDialog.getByRole("checkbox", { name: "导出原文（不打码）" }).check();
  await exportDialog.getByLabel("导出原因").fill("报送民政局花名册");
  const downloading = page.waitForEvent("download");
  await exportDialog.getByRole("button", { name: "开始导出" }).click();
  const sheet = await workbookOf(await downloading);
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(headers).toContain("申请人身份证号");
  expect(headers).toContain("联系电话");
  expect(sheet.rowCount).toBe(2);
  const row = (sheet.getRow(2).values as unknown[]).slice(1);
  expect(row[headers.indexOf("申请人身份证号")]).toBe(id);
  expect(row[headers.indexOf("联系电话")]).toBe("13912345678");
  await signOut(page);

  // the leader may export, not unmask: the same applicant comes out masked
  await signIn(page, "leader@demo.local");
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await page.getByLabel("关键字搜索").fill(applicant);
  await page.getByLabel("关键字搜索").press("Enter");
  await expect(page.getByText("共 1 条")).toBeVisible();
  await page.getByRole("button", { name: "导出" }).click();
  const leaderDialog = page.getByRole("dialog", { name: /导出/ });
  await expect(leaderDialog.getByRole("checkbox", { name: "导出原文（不打码）" })).toHaveCount(0);
  await leaderDialog.getByRole("button", { name: "全部字段" }).click();
  const leaderDownload = page.waitForEvent("download");
  await leaderDialog.getByRole("button", { name: "开始导出" }).click();
  const masked = await workbookOf(await leaderDownload);
  const maskedHeaders = (masked.getRow(1).values as unknown[]).slice(1);
  const maskedRow = (masked.getRow(2).values as unknown[]).slice(1);
  expect(maskedRow[maskedHeaders.indexOf("申请人身份证号")]).toBe(`${id.slice(0, 3)}${"*".repeat(14)}${id.slice(17)}`);
  await signOut(page);

  // the community admin sees the search and the export in the audit log
  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: /审计日志/ }).click();
  await expect(page.getByRole("cell", { name: "按完整证件号或电话查找", exact: true }).first()).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "报送民政局花名册" }).first()).toContainText("导出记录");
});
