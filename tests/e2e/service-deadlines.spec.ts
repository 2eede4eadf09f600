// Journey (issue 9, must show): a yellow grid event gets a 24-hour deadline — the 办理时限 shown
// on the record is its 提交时间 plus 24 hours (timeLimit by urgency, set by the database). The
// workday half of the journey (a 工作日 deadline across the 2026 National Day holiday) cannot be
// driven from a browser whose clock is today, so it is a db test on the installed templates:
// tests/db/engine-deadlines.test.ts, "the built-in templates' legal time limits".
import { randomInt } from "node:crypto";
import { expect, pickTreeNode, signIn, test } from "./fixtures";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** "YYYY-MM-DD HH:mm" as shown, read as a wall-clock time (both values are shown in the same zone). */
function minutesOf(shown: string): number {
  const [date, time] = shown.split(" ");
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  return Date.UTC(y, m - 1, d, hh, mm) / 60_000;
}

test("a yellow grid event is due 24 hours after it is reported", async ({ page }) => {
  test.setTimeout(120_000);
  const title = `路灯不亮${randomInt(1000, 9999)}`;

  await signIn(page, "grid@demo.local");
  await page.getByRole("menuitem", { name: /网格事件上报/ }).click();
  await page.getByRole("button", { name: "新建" }).click();
  await expect(page).toHaveURL(/\/s\/grid_event\/create/);
  // the form has replaced the list (its column headings carry the same names)
  await expect(page.getByRole("button", { name: "保存" })).toBeVisible();
  await page.getByLabel("事件类别").click();
  await page.getByLabel("事件类别").fill("市政设施");
  await page.keyboard.press("Enter");
  await page.getByLabel("事件标题").fill(title);
  await page.getByLabel("事件描述").fill("锦绣苑北门三盏路灯连续一周不亮，夜间行人看不清路。");
  await page.locator("#record-field-photos input[type=file]").setInputFiles({ name: "路灯.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByText("路灯.png")).toHaveCount(1);
  await expect(page.getByText("文件上传中")).toHaveCount(0);
  await page.getByLabel("事发地点").fill("锦绣苑北门");
  await pickTreeNode(page, page.getByLabel("所属网格"), "第一网格");
  // the help says what each colour allows
  await expect(page.getByText("红色 2 小时内响应，黄色 24 小时，蓝色 72 小时")).toBeVisible();
  await page.getByRole("radio", { name: "黄色（24 小时）" }).check();
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page).toHaveURL(/\/s\/grid_event\/show\//);
  await expect(page.getByText("已上报·待受理").first()).toBeVisible();
  const details = page.getByRole("main");
  await expect(details).toContainText(/办理时限\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  const text = await details.innerText();
  const due = /办理时限\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(text)![1];
  const created = /提交时间\s*(\d{4}-\d{2}-\d{2} \d{2}:\d{2})/.exec(text)![1];
  expect(minutesOf(due) - minutesOf(created)).toBe(24 * 60);
});
