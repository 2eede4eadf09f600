// Journey: a staff member changes their password from the account menu in the header: the current
// password is asked again, the new one twice; afterwards only the new one signs them in.
import { newStaffMember, type StaffMember } from "../support/e2e-accounts";
import { expect, signIn, signOut, test } from "./fixtures";

const OLD_PASSWORD = "Current@2026";
const NEW_PASSWORD = "Changed@2027";
let member: StaffMember;

test.beforeAll(async () => {
  member = await newStaffMember("change-pw", OLD_PASSWORD);
});

test.afterAll(async () => {
  await member?.remove();
});

test("a user changes their password from the header's account menu", async ({ page }) => {
  await signIn(page, member.email, OLD_PASSWORD);
  await page.getByRole("button", { name: new RegExp(`账号: ${member.name}`) }).click();
  await page.getByRole("menuitem", { name: "修改密码" }).click();
  await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();

  await page.getByLabel("当前密码").fill("Not@2026-mine");
  await page.getByLabel("新密码", { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel("再次输入新密码").fill("Different@2027");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("两次输入的新密码不一致")).toBeVisible();

  await page.getByLabel("再次输入新密码").fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByRole("alert").getByText("当前密码不正确")).toBeVisible();

  await page.getByLabel("当前密码").fill(OLD_PASSWORD);
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.getByText("密码已修改，其他设备上的登录已退出")).toBeVisible();

  await signOut(page);
  await signIn(page, member.email, OLD_PASSWORD);
  await expect(page.getByText("账号或密码错误")).toBeVisible();
  await signIn(page, member.email, NEW_PASSWORD);
  await expect(page.getByRole("banner").getByText(member.name)).toBeVisible();
});
