// Issue #9: in English, menu group headings, service names on the permission page, units such
// as 岁 and the help texts and placeholders of definitions stayed Chinese. They now come from the
// definitions' English twins (category_en, name_en, unit_en, help_en, placeholder_en).
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

async function signInInEnglish(page: Page, account: string): Promise<void> {
  await signIn(page, account);
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
  await page.getByRole("radiogroup", { name: "语言" }).getByText("English").click();
  await expect(page.getByRole("button", { name: "Logout" })).toBeVisible();
}

test("staff read the elderly list and its form in English", async ({ page }) => {
  await signInInEnglish(page, "staff@demo.local");
  // menu group headings
  await expect(page.getByText("Elderly services", { exact: true })).toBeVisible();
  await expect(page.getByText("为老服务", { exact: true })).toHaveCount(0);
  await page.getByRole("menuitem", { name: "Senior card / old-age allowance" }).click();

  // the list's headings, and the 岁 unit of the age column
  await expect(page.getByRole("columnheader", { name: "Age" })).toBeVisible();
  await expect(page.getByRole("cell", { name: /^\d+ years$/ }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: /岁$/ })).toHaveCount(0);

  // help texts and placeholders of the form
  await page
    .getByRole("button", { name: /create/i })
    .first()
    .click();
  await expect(page.getByText("Fill in when a family member or someone else applies on the applicant's behalf")).toBeVisible();
  await expect(page.getByPlaceholder("e.g. No. 12, Group 3, Guniuping Community, Jifeng Subdistrict, Jishou")).toBeVisible();
});

test("the permission matrix names services and their groups in English", async ({ page }) => {
  await signInInEnglish(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: "Permissions" }).click();
  // in the page, not the sider (which names the service too, as a link)
  await expect(page.getByRole("main").getByText("Resident proposals", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Resident participation", { exact: true }).last()).toBeVisible();
  await expect(page.getByText("居民议事", { exact: true })).toHaveCount(0);
});
