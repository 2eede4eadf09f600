// Journey: a staff member forgot their password. From the login page they ask for a reset link,
// open it from the local mailbox (the stand-in for e-mail), set a new password, and are in; later
// the new password signs them in and the old one no longer does.
import { randomUUID } from "node:crypto";
import { expect, signIn, signOut, test } from "./fixtures";

const OLD_PASSWORD = "Forgotten@2026";
const NEW_PASSWORD = "Remembered@2027";
const name = `找回密码测试-${randomUUID().slice(0, 6)}`;
const email = `recovery-${randomUUID().slice(0, 8)}@test.local`;
let userId: string | undefined;

/** The service key over plain fetch (supabase-js would want WebSocket in this Node). */
async function asService(path: string, init: { method?: string; body?: unknown } = {}) {
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY!;
  const response = await fetch(`${process.env.SUPABASE_URL}${path}`, {
    method: init.method ?? "GET",
    headers: { apikey: key, authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}

test.beforeAll(async () => {
  const user = (await asService("/auth/v1/admin/users", {
    method: "POST",
    body: { email, password: OLD_PASSWORD, email_confirm: true, user_metadata: { display_name: name } },
  })) as { id: string };
  userId = user.id;
  const [unit] = (await asService("/rest/v1/org_units?select=id&code=eq.433101009001")) as Array<{ id: string }>;
  await asService("/rest/v1/memberships", { method: "POST", body: { user_id: userId, org_unit_id: unit.id, role_key: "staff" } });
});

test.afterAll(async () => {
  if (userId) await asService(`/auth/v1/admin/users/${userId}`, { method: "DELETE" });
});

test("a user resets a forgotten password through the local mailbox and signs in with the new one", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await page.getByLabel("邮箱").fill(email);
  await page.getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.getByText("如果该邮箱已注册，重置密码的邮件已发出")).toBeVisible();

  await page.getByRole("link", { name: "打开本地邮箱（仅本地环境）" }).click();
  await expect(page.getByRole("heading", { name: "本地邮箱 / Local mailbox" })).toBeVisible();
  const message = page.getByRole("article").filter({ hasText: email }).first();
  await message.getByRole("link", { name: "重置密码 / Reset password" }).click();

  await expect(page.getByRole("heading", { name: "设置新密码" })).toBeVisible();
  // The tokens the link brought do not stay in the address bar.
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByLabel("新密码", { exact: true }).fill("short1");
  await page.getByLabel("再次输入新密码").fill("short1");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByText("密码至少 8 位", { exact: true })).toBeVisible();
  await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("再次输入新密码").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("banner").getByText(name)).toBeVisible();

  await signOut(page);
  await signIn(page, email, OLD_PASSWORD);
  await expect(page.getByText("账号或密码错误")).toBeVisible();
  await signIn(page, email, NEW_PASSWORD);
  await expect(page.getByRole("banner").getByText(name)).toBeVisible();

  // The link was spent: opening it again explains instead of signing in.
  await signOut(page);
  await page.goto("/_mailbox");
  await page.getByRole("article").filter({ hasText: email }).first().getByRole("link", { name: "重置密码 / Reset password" }).click();
  await expect(page.getByText("链接无效或已过期")).toBeVisible();
});
