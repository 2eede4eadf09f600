// Issue #12, item 2: the registry UI. Staff open 居民档案 from the menu, find a demo resident by
// pinyin initials, read their file (masked ID number, tags, household), register a person and
// change their phone, and read the change on the timeline. A grid worker sees only their own
// grid's residents: a person of another grid is not listed and their page says not found.
import { randomInt } from "node:crypto";
import { expect, pickTreeNode, signIn, signOut, test } from "./fixtures";

/** GB 11643 check character of the first 17 digits. */
function idNumberCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return "10X98765432"[sum % 11];
}

const mobile = () => `13${randomInt(5, 10)}${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
const maskedMobile = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;

test("staff find 向德福 by xdf and read their file; a person registered and edited shows the change", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /居民档案/ }).click();
  await expect(page.getByRole("heading", { name: "居民档案" })).toBeVisible();

  const search = page.getByLabel("搜索");
  await search.fill("xdf");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=xdf/);
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: "向德福", exact: true }) });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  // masked as the API gives it
  await expect(row.getByRole("cell", { name: /^433\*{14}[0-9X]$/ })).toBeVisible();
  await expect(row.getByRole("cell", { name: "139****0101" })).toBeVisible();
  await row.getByRole("link", { name: "向德福" }).click();

  await expect(page).toHaveURL(/\/residents\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: /向德福/ })).toBeVisible();
  const details = page.getByRole("table").filter({ hasText: "身份证号" }).first();
  await expect(details.getByText(/^433\*{14}[0-9X]$/)).toBeVisible();
  const tags = page.getByRole("region", { name: "标签" });
  await expect(tags.getByText("党员", { exact: true })).toBeVisible();
  await expect(tags.getByText("80岁以上", { exact: true })).toBeVisible();
  const household = page.getByRole("region", { name: "家庭成员" });
  await expect(household.getByRole("link", { name: "彭桂英" })).toBeVisible();
  await expect(household.getByRole("listitem").filter({ hasText: "彭桂英" }).getByText("配偶")).toBeVisible();
  await expect(household.getByRole("link", { name: "向子墨" })).toBeVisible();
  await expect(household.getByRole("listitem").filter({ hasText: "向德福" }).getByText("户主")).toBeVisible();

  // the full number, with a reason (logged by the database)
  await details.getByRole("button", { name: "查看完整身份证号" }).click();
  const unmask = page.getByRole("dialog", { name: "查看完整身份证号" });
  await unmask.getByLabel("查看理由").fill("窗口办理核对身份");
  await unmask.getByRole("button", { name: /查\s*看/ }).click();
  await expect(details.getByText(`43310119440312001${idNumberCheckChar("43310119440312001")}`, { exact: true })).toBeVisible();

  // register a person (ID number typed with spaces and a lower-case x is normalised) …
  await page.goto("/residents");
  await page.getByRole("button", { name: "登记居民" }).click();
  const dialog = page.getByRole("dialog", { name: "登记居民" });
  let first17 = "";
  let id = "";
  do {
    first17 = `4331011960${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}${String(randomInt(0, 1000)).padStart(3, "0")}`;
    id = first17 + idNumberCheckChar(first17);
  } while (!id.endsWith("X"));
  const before = mobile();
  await dialog.getByLabel("姓名").fill("欧阳试登");
  await dialog.getByLabel("身份证号").fill(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14, 17)}x`);
  await dialog.getByLabel("电话").fill(before);
  await pickTreeNode(page, dialog.getByLabel("所在网格"), "第一网格");
  await dialog.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/residents\/[0-9a-f-]{36}$/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: /欧阳试登/ })).toBeVisible();
  await expect(page.getByText(`${id.slice(0, 3)}**************X`, { exact: true })).toBeVisible();

  // … then change their phone: the timeline shows old → new, masked
  const after = mobile();
  await page.getByRole("button", { name: /编\s*辑/ }).click();
  const edit = page.getByRole("dialog", { name: "编辑居民信息" });
  await expect(edit.getByLabel("电话")).toHaveValue(maskedMobile(before));
  await edit.getByLabel("电话").fill(after);
  await edit.getByRole("button", { name: /保\s*存/ }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText(`电话：${maskedMobile(before)} → ${maskedMobile(after)}`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("信息变更").first()).toBeVisible();
});

test("a grid worker lists only their grid's residents; another grid's person reads as not found", async ({ page }) => {
  // 龙建国 lives in 第二网格: the community's staff see them
  await signIn(page, "staff@demo.local");
  await page.goto("/residents?q=ljg");
  await page.getByRole("link", { name: "龙建国", exact: true }).click({ timeout: 20_000 });
  await expect(page).toHaveURL(/\/residents\/[0-9a-f-]{36}$/);
  const elsewhere = page.url();
  await signOut(page);

  await signIn(page, "grid@demo.local");
  await page.getByRole("menuitem", { name: /居民档案/ }).click();
  const search = page.getByLabel("搜索");
  await search.fill("xdf");
  await search.press("Enter");
  await expect(page.getByRole("link", { name: "向德福", exact: true })).toBeVisible({ timeout: 20_000 });
  await search.fill("ljg");
  await search.press("Enter");
  await expect(page).toHaveURL(/q=ljg/);
  // the list has followed the search (向德福 gone) and holds no 龙建国 (刘建国 of this grid may be there)
  await expect(page.getByRole("link", { name: "向德福", exact: true })).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByText(/共 \d+ 人/).or(page.getByText("暂无数据"))).toBeVisible();
  await expect(page.getByRole("link", { name: "龙建国", exact: true })).toHaveCount(0);

  await page.goto(elsewhere);
  await expect(page.getByText("未找到该居民，或您无权查看。")).toBeVisible({ timeout: 20_000 });
});

test("staff filter by unit, tag and age, find by a masked fragment and by a full phone (with a reason)", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  const xiang = page.getByRole("link", { name: "向德福", exact: true });
  const long = page.getByRole("link", { name: "龙建国", exact: true });

  const search = page.getByLabel("搜索");
  // many people share a grid: the search keeps the page short
  await page.goto("/residents");
  await pickTreeNode(page, page.getByLabel("所属单位/网格"), "第二网格");
  await expect(page).toHaveURL(/unit=/);
  await search.fill("ljg");
  await search.press("Enter");
  await expect(long).toBeVisible({ timeout: 20_000 });
  await search.fill("xdf");
  await search.press("Enter");
  await expect(long).toHaveCount(0, { timeout: 20_000 });
  await expect(xiang).toHaveCount(0);

  // each negative check follows a positive one on the same page: the list keeps its rows until
  // the next answer arrives, so 龙建国 leaving means the new search was answered
  await page.goto("/residents?tag=veteran&q=ljg");
  await expect(long).toBeVisible({ timeout: 20_000 });
  await search.fill("xdf");
  await search.press("Enter");
  await expect(long).toHaveCount(0, { timeout: 20_000 });
  await expect(xiang).toHaveCount(0);

  await page.goto("/residents?age=80&q=xdf");
  await expect(xiang).toBeVisible({ timeout: 20_000 });
  // 龙建国 is 68 this year, 向德福 82
  await page.goto("/residents?age=custom&max=70&q=ljg");
  await expect(long).toBeVisible({ timeout: 20_000 });
  await search.fill("xdf");
  await search.press("Enter");
  await expect(long).toHaveCount(0, { timeout: 20_000 });
  await expect(xiang).toHaveCount(0);

  // a fragment of the masked phone 139****0101
  await page.goto("/residents?q=0101");
  await expect(xiang).toBeVisible({ timeout: 20_000 });

  // the full phone: an exact search, logged with a reason
  await page.goto("/residents");
  await search.fill("139 0743 0101");
  await search.press("Enter");
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("查找原因").fill("窗口办理核对身份");
  await dialog.getByRole("button", { name: /查\s*找/ }).click();
  await expect(page.getByText(/精确查找：找到 \d+ 人/)).toBeVisible({ timeout: 20_000 });
  await expect(xiang).toBeVisible();
  await expect(page).not.toHaveURL(/0101/);
});

test("a save based on a stale read is refused with a clear message and the latest details loaded", async ({ page, browser }) => {
  await signIn(page, "staff@demo.local");
  await page.goto("/residents");
  await page.getByRole("button", { name: "登记居民" }).click();
  const dialog = page.getByRole("dialog", { name: "登记居民" });
  let first17 = "";
  do
    first17 = `4331011950${String(randomInt(1, 13)).padStart(2, "0")}${String(randomInt(1, 29)).padStart(2, "0")}${String(randomInt(0, 1000)).padStart(3, "0")}`;
  while (idNumberCheckChar(first17) === "X");
  await dialog.getByLabel("姓名").fill("司马并改");
  await dialog.getByLabel("身份证号").fill(first17 + idNumberCheckChar(first17));
  await pickTreeNode(page, dialog.getByLabel("所在网格"), "第一网格");
  await dialog.getByRole("button", { name: /保\s*存/ }).click();
  await expect(page).toHaveURL(/\/residents\/[0-9a-f-]{36}$/, { timeout: 20_000 });

  // this page starts an edit …
  await page.getByRole("button", { name: /编\s*辑/ }).click();
  const mine = page.getByRole("dialog", { name: "编辑居民信息" });
  await mine.getByLabel("住址").fill("吉首市吉凤街道牯牛坪社区 1组 1号");

  // … while a colleague saves first
  const other = await browser.newContext({ baseURL: process.env.SUPABASE_URL });
  const colleague = await other.newPage();
  await signIn(colleague, "staff@demo.local");
  await colleague.goto(page.url());
  await colleague.getByRole("button", { name: /编\s*辑/ }).click();
  const theirs = colleague.getByRole("dialog", { name: "编辑居民信息" });
  await theirs.getByLabel("住址").fill("吉首市吉凤街道牯牛坪社区 2组 2号");
  await theirs.getByRole("button", { name: /保\s*存/ }).click();
  await expect(theirs).toBeHidden({ timeout: 20_000 });
  await other.close();

  await mine.getByRole("button", { name: /保\s*存/ }).click();
  await expect(mine.getByText(/该居民的信息刚被其他人修改过/)).toBeVisible({ timeout: 20_000 });
  await expect(mine.getByLabel("住址")).toHaveValue("吉首市吉凤街道牯牛坪社区 2组 2号");
  // redone on the latest version, it saves
  await mine.getByLabel("住址").fill("吉首市吉凤街道牯牛坪社区 1组 1号");
  await mine.getByRole("button", { name: /保\s*存/ }).click();
  await expect(mine).toBeHidden({ timeout: 20_000 });
  await expect(page.getByText("住址：吉首市吉凤街道牯牛坪社区 2组 2号 → 吉首市吉凤街道牯牛坪社区 1组 1号")).toBeVisible({ timeout: 20_000 });
});
