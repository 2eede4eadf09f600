// Journey: a grid worker reports a 网格事件 with a photo, accepts it, and escalates it to the
// community (上报社区, which needs a comment), and still reads it under 我经办的; the community's
// staff then finds it in 待办 and sees it at the community with the escalation in its history,
// settles it with the result asked at that step (处置结果), which sends it back to the grid, where
// the grid worker — not staff — checks it on site and closes it with the resident's satisfaction.
import dayjs from "dayjs";
import { randomInt } from "node:crypto";
import { expect, pickTreeNode, signIn, signOut, test } from "./fixtures";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("a grid worker escalates an event to the community, and community staff see it in their tasks", async ({ page }) => {
  test.setTimeout(150_000);
  const title = `楼道堆放杂物${randomInt(1000, 9999)}`;

  await signIn(page, "grid@demo.local");
  await page.getByRole("menuitem", { name: /网格事件上报/ }).click();
  await page.getByRole("button", { name: "新建" }).click();
  await expect(page).toHaveURL(/\/s\/grid_event\/create/);
  // the form has replaced the list (its column headings carry the same names)
  await expect(page.getByRole("button", { name: "保存" })).toBeVisible();
  // later steps' fields are not asked at intake; 上报人 is the signed-in grid worker
  await expect(page.getByLabel("处置结果")).toHaveCount(0);
  await expect(page.getByLabel("回访满意度")).toHaveCount(0);
  await expect(page.getByLabel("处置层级")).toHaveCount(0);

  await page.getByLabel("事件类别").click();
  await page.getByLabel("事件类别").fill("环境卫生");
  await page.keyboard.press("Enter");
  await page.getByLabel("事件标题").fill(title);
  await page.getByLabel("事件描述").fill("3 栋 2 单元楼道堆放纸箱和旧家具，堵塞消防通道。");
  await page.locator("#record-field-photos input[type=file]").setInputFiles({ name: "现场.png", mimeType: "image/png", buffer: PNG });
  // uploaded once the list shows the file alone, with no upload in progress
  await expect(page.getByText("现场.png")).toHaveCount(1);
  await expect(page.getByText("文件上传中")).toHaveCount(0);
  await page.getByLabel("事发地点").fill("和美家园 3栋2单元楼道");
  await pickTreeNode(page, page.getByLabel("所属网格"), "第一网格");
  await page.getByRole("radio", { name: "黄色（24 小时）" }).check();
  const savedFrom = Date.now();
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page).toHaveURL(/\/s\/grid_event\/show\//);
  await expect(page.getByText("已上报·待受理").first()).toBeVisible();
  // yellow: 24 hours to accept (the state's timeLimit by urgency, set by the database)
  const dueText = (at: number) => dayjs(at + 24 * 3_600_000).format("YYYY-MM-DD HH:mm");
  await expect(
    page
      .getByText(dueText(savedFrom))
      .or(page.getByText(dueText(Date.now())))
      .first(),
  ).toBeVisible();
  const recordPath = new URL(page.url()).pathname;

  await page.getByRole("button", { name: "受理", exact: true }).click();
  await page.getByRole("dialog", { name: "受理" }).getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("网格处置中").first()).toBeVisible();

  await page.getByRole("button", { name: "上报社区" }).click();
  const escalate = page.getByRole("dialog", { name: "上报社区" });
  await expect(escalate.getByText("执行后记录将移交上级单位办理")).toBeVisible();
  await expect(escalate.getByRole("button", { name: "确认" })).toBeDisabled();
  await escalate.getByLabel("处理意见").fill("涉及物业，需社区协调");
  await escalate.getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("已上报上级单位，记录已移交")).toBeVisible();
  // it now belongs to the community, outside the grid worker's own units; they took part, so
  // they still read it (never write), and find it under 我经办的
  await page.goto(recordPath);
  await expect(page.getByText(title).first()).toBeVisible();
  await expect(page.getByText("社区协调中").first()).toBeVisible();
  await page.getByRole("menuitem", { name: /网格事件上报/ }).click();
  await page.getByText("我经办的", { exact: true }).click();
  await expect(page).toHaveURL(/_mine/);
  await expect(page.getByRole("cell", { name: title })).toBeVisible();

  await signOut(page);
  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /待办/ }).click();
  // The demo community has dozens of open tasks: find this one as a user would, by searching.
  await page.getByRole("searchbox", { name: "搜索待办" }).fill(title);
  const task = page.getByRole("row", { name: new RegExp(title) });
  await expect(task).toContainText("网格事件上报");
  await expect(task).toContainText("社区协调中");
  await expect(task).toContainText("牯牛坪社区");
  await task.click();

  await expect(page).toHaveURL(new RegExp(recordPath));
  await expect(page.getByRole("button", { name: "社区协调办结" })).toBeVisible();
  const history = page.getByRole("list").filter({ hasText: "创建了记录" });
  await expect(history).toContainText("龙建军 执行了“上报社区”");
  await expect(history).toContainText("涉及物业，需社区协调");
  await expect(history).toContainText("所属单位：第一网格 → 牯牛坪社区");

  await page.getByRole("button", { name: "社区协调办结" }).click();
  const resolve = page.getByRole("dialog", { name: "社区协调办结" });
  await resolve.getByLabel("处置结果").fill("已联系物业清理楼道杂物，消防通道已畅通");
  await resolve.getByRole("button", { name: "确认" }).click();
  await page.goto(recordPath);
  await expect(page.getByText("已处置·待现场核查").first()).toBeVisible();
  await expect(history).toContainText("所属单位：牯牛坪社区 → 第一网格");
  // 现场核查 is the grid worker's, who is on site
  await expect(page.getByRole("button", { name: "现场核查办结" })).toHaveCount(0);

  await signOut(page);
  await signIn(page, "grid@demo.local");
  await page.goto(recordPath);
  await page.getByRole("button", { name: "现场核查办结" }).click();
  const close = page.getByRole("dialog", { name: "现场核查办结" });
  await close.getByRole("checkbox", { name: "已到现场核查处置效果" }).click();
  await close.getByRole("checkbox", { name: "已向上报人反馈处置结果" }).click();
  await close.getByRole("radio", { name: "满意", exact: true }).check();
  await close.getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("已办结").first()).toBeVisible();
});
