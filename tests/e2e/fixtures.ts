import { test as base, expect, type Page } from "@playwright/test";

// The stack's URL is only known after global setup (free ports), so baseURL comes from env.
export const test = base.extend({
  baseURL: async ({}, use) => use(process.env.SUPABASE_URL),
});
export { expect };

export const DEMO_PASSWORD = "Demo@2026";

export async function signIn(page: Page, account: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("账号 (手机号或邮箱)").fill(account);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}
