// Journey: every demo user signs in, sees the shell in Chinese with their name and unit,
// switches to English, and signs out.
import { expect, signIn, test } from "./fixtures";

const users = [
  { account: "admin@demo.local", name: "田晓梅", unit: "牯牛坪社区", role: "社区管理员", roleEn: "Community administrator" },
  { account: "13800000002", name: "彭丽", unit: "牯牛坪社区", role: "工作人员", roleEn: "Staff" },
  { account: "grid@demo.local", name: "龙建军", unit: "第一网格", role: "网格员", roleEn: "Grid worker" },
  { account: "leader@demo.local", name: "向国华", unit: "吉首市", role: "领导", roleEn: "Leader" },
];

for (const user of users) {
  test(`${user.account} signs in, sees the shell in Chinese, switches to English, signs out`, async ({ page }) => {
    await signIn(page, user.account);
    const header = page.getByRole("banner");
    await expect(header.getByText(user.name)).toBeVisible();
    await expect(header.getByText(user.unit, { exact: false }).first()).toBeVisible();
    await expect(header.getByText(user.role, { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("menuitem", { name: /组织架构/ })).toBeVisible();
    await expect(header.getByText("演示数据", { exact: false })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");

    await header.getByText("English", { exact: true }).click();
    await expect(page.getByRole("menuitem", { name: /Organisation/i })).toBeVisible();
    await expect(header.getByText(user.roleEn, { exact: false }).first()).toBeVisible();

    await header.getByText("中文", { exact: true }).click();
    await expect(page.getByRole("menuitem", { name: /组织架构/ })).toBeVisible();

    await page
      .getByRole("button", { name: /退出登录/ })
      .or(page.getByRole("menuitem", { name: /退出登录/ }))
      .first()
      .click();
    await expect(page.getByLabel("账号 (手机号或邮箱)")).toBeVisible();
    await page.goto("/org-units");
    await expect(page).toHaveURL(/\/login/);
  });
}

test("a wrong password shows a clear Chinese message and stays on the login page", async ({ page }) => {
  await signIn(page, "staff@demo.local", "wrong-password");
  await expect(page.getByText("账号或密码错误")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
