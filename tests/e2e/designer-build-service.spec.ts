// The designer's headline journey, as a community admin who has never seen a schema would take
// it, in one running app: build 电动自行车充电桩报装 from nothing (fields with a choice, an ID
// number with derived age, an attachment, a field shown for one choice only, a rule; three states
// with an offline checklist and a guarded transition; staff create and process, leaders read),
// publish it; staff take a record through it; a leader sees it; then v2 adds a field and a state,
// and the v1 record still opens, lists and exports.
import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { chooseOption, expect, pickTreeNode, signIn, signOut, test } from "./fixtures";

// A 1×1 PNG: a scan of the 物业同意书 as staff would photograph it.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const APPLICANT = `测试居民${Date.now() % 10000}`;

test.describe.configure({ timeout: 420_000 });
test.use({ actionTimeout: 15_000 });

const SERVICE = `充电桩报装${Date.now() % 100000}`;

/** A valid GB 11643 ID number of 吉首市 for someone born on 1 January 1970. */
function idNumber(): string {
  const first17 = "43310119700101123";
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}
/** Their completed years today in China: the birthday (1 January) has always passed. */
const AGE = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4)) - 1970;

async function addField(page: Page, type: string, label: string) {
  await page.getByRole("button", { name: `添加${type}`, exact: true }).click();
  await page.getByLabel("字段名称", { exact: true }).fill(label);
  await expect(page.getByRole("list", { name: "表单字段" }).getByText(label, { exact: true })).toBeVisible();
}

/** Picks an option of the antd select labelled `label` (the first, where a closing dialog holds another). */
async function choose(page: Page, label: string | RegExp, option: string) {
  await chooseOption(page, page.getByRole("combobox", { name: label }).first(), option);
}

/** Opens the transition's editor from the table view. */
async function editTransition(page: Page, name: string) {
  await page.getByRole("button", { name: `编辑 ${name}` }).click();
  await expect(page.getByRole("form", { name: `流转：${name}` })).toBeVisible();
}

test("an admin builds, publishes and changes a service; staff and a leader use it", async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 1000 });
  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: "服务管理" }).click();
  await page.getByRole("button", { name: "新建服务" }).click();
  await page.getByLabel("服务名称").fill(SERVICE);
  await page.getByRole("button", { name: /确\s?定/ }).click();
  await expect(page.getByRole("tab", { name: "基本信息" })).toBeVisible();

  // the form's preview works before 基本信息 is complete (its blanks do not change the form)
  await page.getByRole("tab", { name: "表单" }).click();
  await expect(page.getByRole("form", { name: "表单预览" }).getByLabel("事项")).toBeVisible();
  await page.getByRole("tab", { name: "基本信息" }).click();

  // 基本信息
  await page.getByLabel("分类", { exact: true }).fill("便民服务");
  await page.getByLabel("服务说明", { exact: true }).fill("居民申请在小区内安装电动自行车充电桩，社区受理、现场勘查后安排安装。");
  await page.getByLabel("收集个人信息的目的", { exact: true }).fill("核实申请人身份、联系安装并留存产权或物业同意材料。");
  await expect(page.getByRole("menu").getByText(SERVICE).or(page.getByText(SERVICE).nth(1))).toBeVisible();

  // 表单: six fields — a choice, an ID number with its age derived, an attachment, one shown for one choice only
  await page.getByRole("tab", { name: "表单" }).click();
  const list = page.getByRole("list", { name: "表单字段" });
  await list.getByText("事项", { exact: true }).click();
  await page.getByLabel("字段名称", { exact: true }).fill("申请人姓名");
  await addField(page, "身份证号", "申请人身份证号");
  await addField(page, "数字", "申请人年龄");
  await page.getByRole("tab", { name: "自动计算" }).click();
  await page.getByRole("radio", { name: "计算年龄（周岁）" }).check();
  await addField(page, "下拉单选", "安装位置");
  await page.getByRole("tab", { name: "选项与校验" }).click();
  await page.getByLabel("选项 选项名称 1").fill("小区车棚");
  await page.getByLabel("选项 选项名称 2").fill("其他位置");
  await addField(page, "单行文本", "其他位置说明");
  await page.getByRole("tab", { name: "显示与必填" }).click();
  await page.getByRole("button", { name: "设置条件" }).first().click();
  await choose(page, "显示条件：字段", "安装位置");
  await page.getByLabel("显示条件：值").first().click();
  await page.getByTitle("其他位置", { exact: true }).click();
  await addField(page, "附件", "物业同意书");
  await addField(page, "电话", "联系电话");

  // a rule: 其他位置 needs the 物业同意书
  await page.getByRole("tab", { name: "提交规则" }).click();
  await page.getByRole("button", { name: "添加规则" }).click();
  await page.getByRole("button", { name: "添加条件" }).first().click();
  await choose(page, /^规则 1 前提条件.*：字段$/, "安装位置");
  await page
    .getByLabel(/^规则 1 前提条件.*：值$/)
    .first()
    .click();
  await page.getByTitle("其他位置", { exact: true }).click();
  await choose(page, "规则 1 必须满足 1：字段", "物业同意书");
  await choose(page, "规则 1 必须满足 1：条件", "已填写");
  await page.getByLabel("不满足时的提示").fill("安装在其他位置须上传物业同意书");

  // the preview is the real form: the conditional field appears for its choice only, age is derived
  const preview = page.getByRole("form", { name: "表单预览" });
  await expect(preview.getByText("其他位置说明")).toHaveCount(0);
  await preview.getByLabel("申请人身份证号").fill(idNumber());
  await expect(preview.getByLabel("申请人年龄")).toHaveValue(String(AGE));

  // 流程: 待受理 → 待安装 → 已办结; 受理 checks an original offline and needs an adult applicant
  await page.getByRole("tab", { name: "流程" }).click();
  await page.getByText("表格", { exact: true }).click();
  await page.getByRole("button", { name: "新增状态" }).click();
  await page.getByLabel("名称", { exact: true }).fill("待安装");
  await page.getByRole("button", { name: /确\s?定/ }).click();
  await page.getByRole("button", { name: "新增流转" }).click();
  const dialog = page.getByRole("dialog", { name: "新增流转" });
  await dialog.getByLabel("名称", { exact: true }).fill("受理");
  await choose(page, "从", "待受理");
  await choose(page, "到", "待安装");
  await dialog.getByRole("button", { name: /确\s?定/ }).click();
  await editTransition(page, "受理");
  await choose(page, "可办理角色", "工作人员");
  await page.getByRole("button", { name: "添加核验项" }).click();
  await page.getByLabel("核验项 1", { exact: true }).fill("申请人身份证原件");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "添加条件" }).click();
  await choose(page, "办理条件 1 字段", "申请人年龄");
  await choose(page, "办理条件 1 比较", "大于等于");
  await page.getByLabel("办理条件 1 值").fill("18");
  await page.keyboard.press("Enter");
  await editTransition(page, "办结");
  await choose(page, "从", "待安装");
  await page.keyboard.press("Escape");
  await expect(page.getByText("流程没有发现问题")).toBeVisible();
  await page.screenshot({ path: "test-results/designer-workflow.png", fullPage: true });

  // 发布
  await page.getByRole("tab", { name: "发布" }).click();
  await expect(page.getByText("定义检查通过，可以发布。")).toBeVisible();
  await page.getByRole("button", { name: "发布为第 1 版" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^发\s?布$/ })
    .click();
  await expect(page.getByText("已发布第 1 版", { exact: true })).toBeVisible();
  const designerUrl = page.url();

  // staff: the service is in their menu at once; they file a record and take it through
  await signOut(page);
  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: SERVICE }).click();
  await expect(page.getByRole("heading", { name: SERVICE })).toBeVisible();
  await page.getByRole("button", { name: "新建" }).click();
  await expect(page.getByLabel("申请人姓名")).toBeVisible();
  await pickTreeNode(page, page.getByRole("combobox", { name: "所属单位" }), "牯牛坪社区", { force: true });
  await page.getByLabel("申请人姓名").fill(APPLICANT);
  await page.getByLabel("申请人身份证号").fill(idNumber());
  await expect(page.getByLabel("申请人年龄")).toHaveValue(String(AGE));
  await expect(page.getByLabel("其他位置说明")).toHaveCount(0);
  await choose(page, "安装位置", "其他位置");
  await page.getByLabel("其他位置说明").fill("3 栋楼下空地");
  await page.getByLabel("联系电话").fill("13912345678");
  // the rule: another place needs the property's consent
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("安装在其他位置须上传物业同意书")).toBeVisible();
  await page.locator("#record-field-wu_ye_tong_yi_shu input[type=file]").setInputFiles({ name: "物业同意书.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByText("物业同意书.png")).toHaveCount(1);
  await expect(page.getByText("文件上传中")).toHaveCount(0);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("待受理").first()).toBeVisible();

  await page.getByRole("button", { name: "受理", exact: true }).click();
  const accept = page.getByRole("dialog", { name: "受理" });
  const original = accept.getByRole("checkbox", { name: "申请人身份证原件" });
  await original.click();
  await expect(original).toBeChecked();
  await accept.getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("待安装").first()).toBeVisible();
  await page.getByRole("button", { name: "办结", exact: true }).click();
  const finish = page.getByRole("dialog", { name: "办结" });
  await finish.getByLabel("处理意见").fill("已安装两个充电口");
  await finish.getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("已办结").first()).toBeVisible();
  const recordUrl = page.url();

  // a leader reads it (and only reads)
  await signOut(page);
  await signIn(page, "leader@demo.local");
  await page.getByRole("menuitem", { name: SERVICE }).click();
  await expect(page.getByRole("row").filter({ hasText: APPLICANT })).toBeVisible();
  await expect(page.getByRole("button", { name: "新建" })).toHaveCount(0);

  // v2: a field and a state more
  await signOut(page);
  await signIn(page, "admin@demo.local");
  await page.goto(designerUrl.replace(/\/publish$/, "/form"));
  await addField(page, "数字", "安装数量");
  await page.getByRole("tab", { name: "流程" }).click();
  await page.getByText("表格", { exact: true }).click();
  await page.getByRole("button", { name: "新增状态" }).click();
  await page.getByLabel("名称", { exact: true }).fill("待验收");
  await page.getByRole("button", { name: /确\s?定/ }).click();
  await page.getByRole("button", { name: "新增流转" }).click();
  await page.getByRole("dialog", { name: "新增流转" }).getByLabel("名称", { exact: true }).fill("提交验收");
  await choose(page, "从", "待安装");
  await choose(page, "到", "待验收");
  await page
    .getByRole("dialog", { name: "新增流转" })
    .getByRole("button", { name: /确\s?定/ })
    .click();
  await editTransition(page, "提交验收");
  await choose(page, "可办理角色", "工作人员");
  await editTransition(page, "办结");
  await choose(page, "从", "待验收");
  await page.keyboard.press("Escape");
  await expect(page.getByText("流程没有发现问题")).toBeVisible();
  await page.getByRole("tab", { name: "发布" }).click();
  await expect(page.getByText("与当前第 1 版相比的改动")).toBeVisible();
  await expect(page.getByText("字段「安装数量」")).toBeVisible();
  await expect(page.getByText("状态「待验收」")).toBeVisible();
  await page.getByRole("button", { name: "发布为第 2 版" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /^发\s?布$/ })
    .click();
  await expect(page.getByText("已发布第 2 版", { exact: true })).toBeVisible();

  // the v1 record still opens, lists and exports
  await page.goto(recordUrl);
  await expect(page.getByText(APPLICANT).first()).toBeVisible();
  await expect(page.getByText("3 栋楼下空地")).toBeVisible();
  await expect(page.getByText("已办结").first()).toBeVisible();
  await page.getByRole("menuitem", { name: SERVICE }).click();
  const row = page.getByRole("row").filter({ hasText: APPLICANT });
  await expect(row).toContainText("已办结");
  await page.getByRole("button", { name: "导出" }).click();
  const downloading = page.waitForEvent("download");
  await page.getByRole("dialog", { name: /导出/ }).getByRole("button", { name: "开始导出" }).click();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await (await downloading).path());
  const sheet = workbook.worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(headers).toContain("申请人姓名");
  const rows = sheet.getSheetValues().slice(2) as unknown[][];
  const exported = rows.find((values) => values?.includes(APPLICANT));
  expect(exported).toBeDefined();
  expect(exported).toContain("已办结");
});
