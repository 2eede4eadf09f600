// Sensitive resident tags (issue 12, item 1): 田秀兰 (demo seed) holds 低保 and 独居老人. Staff of
// her community (view_sensitive) see both on her page and may filter the registry by 低保; the
// city's leader (reads, no view_sensitive) sees 独居老人 only, a neutral note that some tags need
// the permission, no 低保 anywhere on the page (tags card or timeline), and no 低保 in the filter.
import type { Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

const note = "部分标签（如低保、残疾人、退役军人）仅对有权查看敏感信息的角色显示";

async function openTian(page: Page) {
  await page.goto("/residents?q=txl");
  await page.getByRole("link", { name: "田秀兰", exact: true }).click({ timeout: 20_000 });
  await expect(page.getByRole("heading", { name: /田秀兰/ })).toBeVisible();
}

/** The tag filter's option `label` after typing it into a fresh list, as offered (antd titles its options). */
async function typeTag(page: Page, label: string) {
  await page.goto("/residents");
  await page.getByLabel("标签", { exact: true }).click();
  await page.keyboard.type(label);
  return page.getByTitle(label, { exact: true }).filter({ visible: true });
}

test("staff see 田秀兰's 低保 and may filter by it", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  await openTian(page);
  const tags = page.getByRole("region", { name: "标签" });
  await expect(tags.getByText("独居老人", { exact: true })).toBeVisible();
  await expect(tags.getByText("低保", { exact: true })).toBeVisible();
  await expect(page.getByText(note)).toHaveCount(0);
  await expect(await typeTag(page, "低保")).toBeVisible();
});

test("the leader reads 田秀兰 without her 低保, with a note, and cannot filter by it", async ({ page }) => {
  await signIn(page, "leader@demo.local");
  await openTian(page);
  const tags = page.getByRole("region", { name: "标签" });
  await expect(tags.getByText("独居老人", { exact: true })).toBeVisible();
  await expect(tags.getByText(note)).toBeVisible();
  await expect(page.getByText("低保", { exact: true })).toHaveCount(0);
  // the positive check first: the options are there, then 低保 and 残疾人 are not among them
  await expect(await typeTag(page, "独居老人")).toBeVisible();
  for (const hidden of ["低保", "残疾人"]) {
    const offered = await typeTag(page, hidden);
    // the filter has answered (nothing matches) before the option is looked for
    await expect(page.getByText("暂无数据").filter({ visible: true })).toBeVisible();
    await expect(offered).toHaveCount(0);
  }
});
