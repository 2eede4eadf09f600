// Journey: a stranger who signed up on their own (sign-up is open) signs in and, holding no
// membership, sees why the app is empty and what to do — ask a community admin for an
// invitation link — and can sign out. The database shows them nothing either
// (tests/db/access-no-membership.test.ts).
import { randomUUID } from "node:crypto";
import { expect, signIn, test } from "./fixtures";

const password = "Stranger@2026-pw";
let email = "";
let userId = "";

test.beforeAll(async () => {
  email = `stranger-${randomUUID().slice(0, 8)}@test.local`;
  const res = await fetch(`${process.env.SUPABASE_URL}/auth/v1/signup`, {
    method: "POST",
    headers: { apikey: process.env.SUPABASE_ANON_KEY!, "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { user?: { id: string }; id?: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  userId = body.user?.id ?? body.id ?? "";
});

test.afterAll(async () => {
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY!;
  await fetch(`${process.env.SUPABASE_URL}/auth/v1/admin/users/${userId}`, { method: "DELETE", headers: { apikey: key, authorization: `Bearer ${key}` } });
});

test("a signed-in account without a membership is told to ask for an invitation link, and can sign out", async ({ page }) => {
  await signIn(page, email, password);
  await expect(page.getByText("您还不属于任何单位")).toBeVisible();
  await expect(page.getByText("请向社区管理员索取邀请链接", { exact: false })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: /组织架构/ })).toHaveCount(0);

  await page.getByText("English", { exact: true }).click();
  await expect(page.getByText("Ask your community admin for an invitation link", { exact: false })).toBeVisible();
  await page.getByText("中文", { exact: true }).click();

  await page.getByRole("button", { name: /退出登录/ }).click();
  await expect(page.getByLabel("账号 (手机号或邮箱)")).toBeVisible();
});
