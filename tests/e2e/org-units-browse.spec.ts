// Journey: a leader opens 组织架构, finds a community by name and by code, and reads its details.
import { expect, signIn, test } from "./fixtures";

test("leader browses the org tree, searches and opens a community", async ({ page }) => {
  await signIn(page, "leader@demo.local");
  await page.getByRole("menuitem", { name: /组织架构/ }).click();
  await expect(page).toHaveURL(/org-units/);
  const tree = page.getByRole("tree");
  await expect(tree.getByText("吉首市").first()).toBeVisible();

  await page.getByLabel("搜索单位").fill("三角岩");
  await expect(page.getByText("匹配 1 个单位")).toBeVisible();
  await tree.getByText("三角岩社区").click();
  const detail = page.locator(".ant-card").filter({ hasText: "单位详情" });
  await expect(detail.getByText("433124109001")).toBeVisible();
  await expect(detail.getByText("花垣镇")).toBeVisible();

  await page.getByLabel("搜索单位").fill("433101009001001");
  await tree.getByText("第一网格").first().click();
  await expect(detail.getByText("433101009001001")).toBeVisible();
  await expect(detail.getByText("网格", { exact: true })).toBeVisible();

  await page.getByLabel("搜索单位").fill("不存在的单位");
  await expect(page.getByText("没有匹配的单位")).toBeVisible();
});
