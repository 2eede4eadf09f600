// Issue #9: fixed table columns drew over the sticky page header once the page scrolled, so
// 退出登录 and the account menu could be seen but not clicked where a column covered them.
// The clicks below are plain mouse clicks (no scrolling into view first, as locator clicks do) on
// the edge of each button that a fixed column reaches: while the layering is wrong they land on
// the column's cell instead.
import type { Locator, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function signInAndOpen(page: Page, account: string, path: string): Promise<void> {
  await signIn(page, account);
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  await page.goto(path);
}

/** Scrolls until the given row sits under the header (y ≈ 20), where its fixed cells overlap it. */
async function scrollRowUnderHeader(page: Page, row: Locator): Promise<void> {
  const box = await row.boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.move(500, 300);
  await page.mouse.wheel(0, box!.y - 20);
  await expect.poll(async () => (await row.boundingBox())?.y ?? 999).toBeLessThan(40);
}

/** A mouse click 4 px inside the button's left or right edge, where the page is now. */
async function clickNearEdge(button: Locator, edge: "left" | "right"): Promise<void> {
  await expect(button).toBeVisible();
  const box = (await button.boundingBox())!;
  await button.page().mouse.click(edge === "left" ? box.x + 4 : box.x + box.width - 4, box.y + box.height / 2);
}

test("on a scrolled list, 退出登录 stays above the fixed actions column", async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 480 });
  await signInAndOpen(page, "staff@demo.local", "/s/elderly_benefit");
  const rows = page.getByRole("row");
  await expect(rows.nth(3)).toBeVisible();
  await scrollRowUnderHeader(page, rows.nth(2));

  const logout = page.getByRole("button", { name: "退出登录" });
  await clickNearEdge(logout, "right");
  await expect(page.getByLabel("账号 (手机号或邮箱)")).toBeVisible();
});

test("on the scrolled permission matrix, the account menu stays above the fixed role column", async ({ page }) => {
  // narrow enough that the account button sits above the role column
  await page.setViewportSize({ width: 760, height: 480 });
  await signInAndOpen(page, "admin@demo.local", "/permissions");
  await expect(page.getByRole("heading", { name: "权限矩阵" })).toBeVisible();
  const rows = page.getByRole("row");
  await expect(rows.nth(3)).toBeVisible();
  await scrollRowUnderHeader(page, rows.nth(2));

  const account = page.getByRole("button", { name: /^账号: / });
  await clickNearEdge(account, "left");
  await expect(page.getByRole("menuitem", { name: "修改密码" })).toBeVisible();
});
