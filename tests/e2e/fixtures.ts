import { test as base, expect, type Locator, type Page } from "@playwright/test";

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

/**
 * Picks the node `name` in an antd TreeSelect (`combobox` is its input) and waits until the
 * select shows it. With `search`, the name is typed and Enter picks the first node the filter
 * leaves (the active one): a click on a node while the filtered tree is still settling was lost
 * or hit a detached node (CI failed on both). Without, the node is clicked. `force` clicks the
 * input even where antd covers it (the record form's selects); never inside a modal, where a
 * forced click can land on the mask and close it. Retried as a whole.
 */
export async function pickTreeNode(page: Page, combobox: Locator, name: string, { search = false, force = false } = {}): Promise<void> {
  const select = combobox.locator("xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]");
  await expect(async () => {
    if (search) {
      await combobox.click({ force });
      await combobox.fill(name);
      await expect(page.getByRole("treeitem", { name }).first()).toBeVisible({ timeout: 5_000 });
      await combobox.press("Enter");
    } else {
      await combobox.click({ force });
      await page.getByRole("treeitem", { name }).click({ timeout: 5_000 });
    }
    await expect(select.locator(".ant-select-selection-item")).toContainText(name, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
}

/**
 * Picks `option` in an antd Select (`combobox` is its input) from the keyboard. The input is
 * focused, not clicked: a forced click at its place lands on whatever covers it, and a list of
 * the select before may still be closing over it (CI failed so twice: 办结's 从 sat under the list
 * of 可办理角色 above it). A searchable select gets the option typed and Enter once the list shows
 * it; another opens with ArrowDown and the option is clicked in its list. Blurring at the end
 * closes a multiple select's list, which Enter leaves open.
 */
export async function chooseOption(page: Page, combobox: Locator, option: string): Promise<void> {
  await combobox.focus();
  if (await combobox.isEditable()) {
    await combobox.fill(option);
    // Enter only once the list shows the option (its label may add to it, as 「工作人员（2 人）」):
    // an Enter before it would submit a dialog's form
    await expect(page.getByTitle(option).filter({ visible: true }).first()).toBeVisible();
    await combobox.press("Enter");
  } else {
    const shown = page.getByTitle(option, { exact: true }).filter({ visible: true }).last();
    await expect(async () => {
      if (!(await shown.count())) await combobox.press("ArrowDown");
      await shown.click({ timeout: 3_000 });
    }).toPass({ timeout: 20_000 });
  }
  await combobox.blur();
}

/**
 * GETs of the REST API as a demo account, under its own RLS, as the SPA calls it (plain fetch:
 * supabase-js would want a WebSocket in this Node). A refused request fails the test with its body.
 */
export async function restAs(email: string, password = DEMO_PASSWORD): Promise<(path: string) => Promise<unknown>> {
  const apikey = process.env.SUPABASE_ANON_KEY!;
  const signedIn = await fetch(`${process.env.SUPABASE_URL}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { apikey, "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(signedIn.ok).toBe(true);
  const { access_token: token } = (await signedIn.json()) as { access_token: string };
  return async (path) => {
    const response = await fetch(`${process.env.SUPABASE_URL}/rest/v1/${path}`, { headers: { apikey, authorization: `Bearer ${token}` } });
    expect(response.ok, await response.clone().text()).toBe(true);
    return response.json();
  };
}
