// Journey: a grid worker who signs in by phone forgot the password. They type their 11-digit
// mobile number, take the SMS code from the local mailbox (the stand-in for SMS), set a new
// password, and are in; afterwards the new password signs them in by phone.
import { randomInt } from "node:crypto";
import { newStaffMember, type StaffMember } from "../support/e2e-accounts";
import { expect, signIn, signOut, test } from "./fixtures";

const OLD_PASSWORD = "Forgotten@2026";
const NEW_PASSWORD = "ByPhone@2027";
const national = `139${String(randomInt(0, 1e8)).padStart(8, "0")}`;
let member: StaffMember;

test.beforeAll(async () => {
  member = await newStaffMember("recovery-sms", OLD_PASSWORD, `+86${national}`);
});

test.afterAll(async () => {
  await member?.remove();
});

test("a user resets a forgotten password with an SMS code from the local mailbox", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("邮箱或手机号").fill(national);
  await page.getByRole("button", { name: "发送", exact: true }).click();
  await expect(page.getByText("如果该手机号已注册，验证码已发出")).toBeVisible();

  const mailbox = await page.context().newPage();
  await mailbox.goto("/_mailbox");
  const sms = mailbox
    .getByRole("article")
    .filter({ hasText: `+86${national}` })
    .first();
  const code = (await sms.getByRole("code").textContent())?.trim() ?? "";
  expect(code).toMatch(/^\d{6}$/);
  await mailbox.close();

  await page.getByLabel("验证码").fill(code);
  await page.getByRole("button", { name: "验证" }).click();
  await expect(page.getByRole("heading", { name: "设置新密码" })).toBeVisible();
  await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("再次输入新密码").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("banner").getByText(member.name)).toBeVisible();

  await signOut(page);
  await signIn(page, national, NEW_PASSWORD);
  await expect(page.getByRole("banner").getByText(member.name)).toBeVisible();
});
