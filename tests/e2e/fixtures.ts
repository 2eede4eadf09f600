import { test as base, expect, type Page } from "@playwright/test";

// The stack's URL is only known after global setup (free ports), so baseURL comes from env.
export const test = base.extend({
  // Playwright reads a fixture's dependencies from the destructuring pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => use(process.env.SUPABASE_URL),
});
export { expect };

export const DEMO_PASSWORD = "Demo@2026";

export async function signIn(page: Page, account: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("账号 (手机号或邮箱)").fill(account);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  // Wait until the attempt is decided — the app's sign-out button, or the refusal — so that a
  // navigation right after cannot race the sign-in and land back on the login page.
  await expect(page.getByRole("button", { name: "退出登录" }).or(page.getByText("账号或密码错误"))).toBeVisible({ timeout: 20_000 });
}

/** Signs out and waits until the login form is back (navigating earlier races the sign-out). */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page.getByLabel("账号 (手机号或邮箱)")).toBeVisible();
}
