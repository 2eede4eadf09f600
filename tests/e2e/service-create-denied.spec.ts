// Issue #9: a leader (read + export) who opened a create link filled the whole form before the
// database refused it on save. The create page now checks the create grant first.
import { expect, signIn, test } from "./fixtures";

test("a leader who opens a create link is told at once that they may not create", async ({ page }) => {
  await signIn(page, "leader@demo.local");
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  await page.goto("/s/elderly_benefit/create");

  await expect(page.getByText("无权新建")).toBeVisible();
  await expect(page.getByText("您的角色不能在「老年优待证/高龄津贴」中新建记录。", { exact: false })).toBeVisible();
  await expect(page.getByRole("textbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "保存" })).toHaveCount(0);

  await page.getByRole("button", { name: "返回列表" }).click();
  await expect(page).toHaveURL(/\/s\/elderly_benefit$/);
  await expect(page.getByRole("columnheader", { name: "申请人姓名" })).toBeVisible();
});

test("staff, who may create, still get the form", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  await page.goto("/s/elderly_benefit/create");
  await expect(page.getByRole("button", { name: "保存" })).toBeVisible();
  await expect(page.getByText("无权新建")).toHaveCount(0);
});
