// Journey: an administrator of 吉首市 (a person made for this run) adds a community under
// 吉凤街道, moves it to 石家冲街道 — the form suggests the next free code there — finds it under
// its new street with its new code, and deletes it again.
import { randomUUID } from "node:crypto";
import { asService } from "../support/e2e-accounts";
import { expect, signIn, test } from "./fixtures";

const PASSWORD = "Move@2026-pw";

test("a county administrator moves a community to another street with a new code", async ({ page }) => {
  const email = `county-admin-${randomUUID().slice(0, 8)}@test.local`;
  const user = (await asService("/auth/v1/admin/users", {
    method: "POST",
    body: { email, password: PASSWORD, email_confirm: true, user_metadata: { display_name: "县级管理员" } },
  })) as { id: string };
  try {
    const [county] = (await asService("/rest/v1/org_units?select=id&code=eq.433101")) as Array<{ id: string }>;
    await asService("/rest/v1/memberships", { method: "POST", body: { user_id: user.id, org_unit_id: county.id, role_key: "community_admin" } });

    await signIn(page, email, PASSWORD);
    await page.getByRole("menuitem", { name: /组织架构/ }).click();
    const tree = page.getByRole("tree");
    await tree.getByText("吉凤街道").click();
    await page.getByRole("button", { name: "新增下级社区" }).click();
    const add = page.getByRole("dialog", { name: "在「吉凤街道」下新增社区" });
    await expect(add.getByLabel("统一代码")).toHaveValue("433101009007");
    await add.getByLabel("名称").fill("试点社区");
    await add.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("已新增「试点社区」")).toBeVisible();

    await page.getByRole("button", { name: "移动到…" }).click();
    const move = page.getByRole("dialog", { name: "移动「试点社区」" });
    await move.getByLabel("新的上级单位").fill("石家冲街道");
    await page.keyboard.press("Enter");
    await expect(move.getByLabel("新的统一代码")).toHaveValue("433101007004");
    await move.getByRole("button", { name: "移动" }).click();
    await expect(page.getByText("已移动「试点社区」")).toBeVisible();
    await expect(page.getByRole("row", { name: /统一代码/ })).toContainText("433101007004");
    await expect(page.getByRole("row", { name: /上级路径/ })).toContainText("石家冲街道");

    await page.getByRole("button", { name: "删除" }).click();
    await page.getByRole("tooltip").getByRole("button", { name: "删除" }).click();
    await expect(page.getByText("已删除「试点社区」")).toBeVisible();
    await expect(tree.getByText("试点社区")).toHaveCount(0);
  } finally {
    await asService(`/auth/v1/admin/users/${user.id}`, { method: "DELETE" });
  }
});
