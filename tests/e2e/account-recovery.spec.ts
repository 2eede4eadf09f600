// Journey: a staff member forgot their password. From the login page they ask for a reset link,
// open it from the local mailbox (the stand-in for e-mail), set a new password, and are in; later
// the new password signs them in and the old one no longer does.
import { newStaffMember, type StaffMember } from "../support/e2e-accounts";
import { expect, signIn, signOut, test } from "./fixtures";

const OLD_PASSWORD = "Forgotten@2026";
const NEW_PASSWORD = "Remembered@2027";
let member: StaffMember;

test.beforeAll(async () => {
  member = await newStaffMember("recovery", OLD_PASSWORD);
});

test.afterAll(async () => {
  await member?.remove();
});

test("a user resets a forgotten password through the local mailbox and signs in with the new one", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page.getByRole("heading", { name: "找回密码" })).toBeVisible();
  await page.getByLabel("邮箱或手机号").fill(member.email);
  await page.getByRole("button", { name: "发送", exact: true }).click();
  await expect(page.getByText("如果该邮箱已注册，重置密码的邮件已发出")).toBeVisible();

  await page.getByRole("link", { name: "打开本地邮箱（仅本地环境）" }).click();
  await expect(page.getByRole("heading", { name: "本地邮箱 / Local mailbox" })).toBeVisible();
  const message = page.getByRole("article").filter({ hasText: member.email }).first();
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
  await expect(page.getByRole("banner").getByText(member.name)).toBeVisible();

  await signOut(page);
  await signIn(page, member.email, OLD_PASSWORD);
  await expect(page.getByText("账号或密码错误")).toBeVisible();
  await signIn(page, member.email, NEW_PASSWORD);
  await expect(page.getByRole("banner").getByText(member.name)).toBeVisible();

  // The link was spent: opening it again explains instead of signing in.
  await signOut(page);
  await page.goto("/_mailbox");
  await page.getByRole("article").filter({ hasText: member.email }).first().getByRole("link", { name: "重置密码 / Reset password" }).click();
  await expect(page.getByText("链接无效或已过期")).toBeVisible();
});
