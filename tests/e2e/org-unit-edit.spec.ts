// Journey: the community admin of 牯牛坪社区 adds a grid in 组织架构 — the form suggests the next
// free official code and flags a wrong or taken one while typing — renames it, sees it in the
// tree under their community each time, and deletes it again (an empty unit may go). Their own
// community is the street's to rename, and a staff member is offered no edit at all.
import { expect, signIn, signOut, test } from "./fixtures";

test("an admin adds a grid under their community, renames it and sees it in the tree", async ({ page }) => {
  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: /组织架构/ }).click();
  await expect(page).toHaveURL(/org-units/);
  const tree = page.getByRole("tree");
  await tree.getByText("牯牛坪社区").click();
  await expect(page.getByRole("button", { name: "重命名" })).toHaveCount(0);

  await page.getByRole("button", { name: "新增下级网格" }).click();
  const add = page.getByRole("dialog", { name: "在「牯牛坪社区」下新增网格" });
  const code = add.getByLabel("统一代码");
  await expect(code).toHaveValue(/^433101009001\d{3}$/);
  await code.fill("433101009002099");
  await expect(add.getByText("编码须以上级单位的编码 433101009001 开头")).toBeVisible();
  await code.fill("433101009001001");
  await expect(add.getByText("编码 433101009001001 已被其他单位使用")).toBeVisible();
  await code.fill("43310100900109");
  await expect(add.getByText("编码须为 15 位数字")).toBeVisible();
  await code.fill("433101009001099");
  await add.getByLabel("名称").fill("第一网格");
  await expect(add.getByText("同一上级下已有同名单位，请换一个名称")).toBeVisible();
  await add.getByLabel("名称").fill("和美家园网格");
  await add.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已新增「和美家园网格」")).toBeVisible();
  await expect(add).toBeHidden();

  // The new grid sits under 牯牛坪社区 in the tree and is the unit shown.
  await expect(tree.getByText("和美家园网格")).toBeVisible();
  await expect(page.getByRole("row", { name: /上级路径/ })).toContainText("牯牛坪社区");
  await expect(page.getByRole("row", { name: /统一代码/ })).toContainText("433101009001099");
  await expect(page).toHaveURL(/unit=/);

  await page.getByRole("button", { name: "重命名" }).click();
  const rename = page.getByRole("dialog", { name: "重命名「和美家园网格」" });
  await rename.getByLabel("新名称").fill("锦绣苑网格");
  await rename.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("已改名为「锦绣苑网格」")).toBeVisible();
  await expect(tree.getByText("锦绣苑网格")).toBeVisible();
  await expect(tree.getByText("和美家园网格")).toHaveCount(0);

  await page.getByRole("button", { name: "删除" }).click();
  await page.getByRole("tooltip").getByRole("button", { name: "删除" }).click();
  await expect(page.getByText("已删除「锦绣苑网格」")).toBeVisible();
  await expect(tree.getByText("锦绣苑网格")).toHaveCount(0);

  await signOut(page);
  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /组织架构/ }).click();
  await page.getByRole("tree").getByText("牯牛坪社区").click();
  await expect(page.getByRole("row", { name: /统一代码/ })).toContainText("433101009001");
  await expect(page.getByRole("button", { name: /新增下级|重命名|移动到|删除/ })).toHaveCount(0);
});
