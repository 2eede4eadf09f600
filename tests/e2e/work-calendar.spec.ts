// The work calendar page: every member reads the holidays and 调休 working days that deadlines in
// 工作日 follow; only a system administrator gets the controls to change them (RLS decides;
// tests/db/engine-deadlines.test.ts).
import { expect, signIn, test } from "./fixtures";

test("staff read the 2026 National Day holiday and its 调休 days, without controls to change them", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /工作日历/ }).click();
  await expect(page.getByRole("heading", { name: "工作日历" })).toBeVisible();
  await page.getByRole("radio", { name: "2026" }).check();
  const nationalDay = page.getByRole("row").filter({ hasText: "2026-10-01" });
  await expect(nationalDay).toContainText("节假日");
  await expect(nationalDay).toContainText("国庆节");
  await expect(page.getByRole("row").filter({ hasText: "2026-10-10" })).toContainText("调休上班");
  await expect(page.getByRole("row").filter({ hasText: "2026-10-10" })).toContainText("周六");
  await expect(page.getByRole("button", { name: "添加" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "删除" })).toHaveCount(0);
});
