// Issue #11: a list at a leader's scale names the community and the street, not only 「第一网格」
// (every community has one). The city leader reads a grid with its street and community below
// 吉首市, in the list and on the record page; the community's staff member still reads 「第一网格」.
import { expect, signIn, test } from "./fixtures";

test("the city leader reads 「吉凤街道 / 牯牛坪社区 / 第一网格」 in the list and on the record page", async ({ page }) => {
  await signIn(page, "leader@demo.local");
  await page.goto("/s/grid_event");
  const cell = page.getByRole("cell", { name: "吉凤街道 / 牯牛坪社区 / 第一网格", exact: true }).first();
  await expect(cell).toBeVisible({ timeout: 20_000 });
  // no bare grid name in the unit column
  await expect(page.getByRole("cell", { name: "第一网格", exact: true })).toHaveCount(0);

  await page.getByRole("row").filter({ has: cell }).first().getByRole("link", { name: "查看" }).click();
  await expect(page).toHaveURL(/\/s\/grid_event\/show\//);
  const fields = page.getByRole("table").filter({ hasText: "所属单位" }).first();
  await expect(fields.getByText("吉凤街道 / 牯牛坪社区 / 第一网格", { exact: true }).first()).toBeVisible();
});

test("the community's staff member reads 「第一网格」 alone", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  await page.goto("/s/grid_event");
  await expect(page.getByRole("cell", { name: "第一网格", exact: true }).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("cell", { name: /牯牛坪社区 \/ / })).toHaveCount(0);
});
