// Journeys (issue 11's must-show): the street leader (streetleader@, 街道领导 at 吉凤街道) opens
// 领导驾驶舱 and every figure of the street — the KPI cards and each community's row of the
// ranking — equals a direct count of the records in 吉凤街道's subtree (tests/support/cockpit-direct,
// the 口径 of docs/cockpit.md); they cannot go above their street; they drill down to a community
// (not 牯牛坪社区, which the city leader's journey covers), whose figures equal its direct count;
// each of its overdue figures opens a list of exactly those records (the list's total and the
// ids of its rows). A community's staff member (staff@) sees their unit's backlog on the home page,
// equal to a direct count, and its overdue figure opens exactly those records.
import type { Locator, Page } from "@playwright/test";
import { directCounts, directOverdueIds, sumBy, total, type DirectCounts } from "../support/cockpit-direct";
import { expect, signIn, test } from "./fixtures";

const STREET = "433101009"; // 吉凤街道
const COMMUNITY = "433101009001"; // 牯牛坪社区

/** The four count cards of a cockpit section equal the direct counts (with their n), and 办结率 follows. */
async function expectKpis(section: Locator, rows: DirectCounts[]) {
  const received = total(rows, "received");
  expect(received).toBeGreaterThan(0);
  for (const [label, key] of [
    ["受理量", "received"],
    ["办理中", "in_progress"],
    ["已办结", "completed"],
    ["逾期未办", "overdue"],
  ] as const) {
    const card = section.getByRole("group", { name: label, exact: true });
    await expect(card.getByText(String(total(rows, key)), { exact: true }), `${label}`).toBeVisible();
    await expect(card.getByText(`n = ${received}`)).toBeVisible();
  }
  const rate = `${((total(rows, "completed") / received) * 100).toFixed(1)}%`;
  await expect(section.getByRole("group", { name: "办结率", exact: true }).getByText(rate, { exact: true })).toBeVisible();
}

/**
 * The list's first page shows exactly the records of `expected` (ids, sorted): as many rows as the
 * page holds (20, the templates' page size), each row's 查看 link ending in one of those ids.
 */
async function expectExactly(page: Page, count: number, expected: string[]) {
  expect(expected).toHaveLength(count);
  const links = page.getByRole("table").getByRole("link", { name: "查看", exact: true });
  await expect(links).toHaveCount(Math.min(count, 20));
  const ids = (await Promise.all((await links.all()).map((link) => link.getAttribute("href")))).map((href) => href!.split("/").at(-1)!).sort();
  if (count <= 20) expect(ids).toEqual(expected);
  else expect(expected).toEqual(expect.arrayContaining(ids));
}

test("a street leader's cockpit equals a direct count of the street, drills down to a community and opens exactly its overdue records", async ({ page }) => {
  const street = await directCounts(STREET, "leader", STREET);
  const byChild = sumBy(street, "child");
  // the community with the most overdue records besides 牯牛坪社区
  const others = street.filter((r) => r.child_code.length === COMMUNITY.length && r.child_code !== COMMUNITY);
  const [communityName] = [...sumBy(others, "child")].sort((a, b) => b[1].overdue - a[1].overdue)[0];
  const community = street.filter((r) => r.child === communityName);
  expect(total(community, "overdue"), `the demo data has overdue records in ${communityName}`).toBeGreaterThan(0);

  await signIn(page, "streetleader@demo.local");
  await page.getByRole("menuitem", { name: /领导驾驶舱/ }).click();
  await expect(page.getByRole("heading", { name: "领导驾驶舱" })).toBeVisible();
  await expectKpis(page.getByRole("region", { name: "吉凤街道 的指标" }), street);

  // the street is the top of their scope: the breadcrumb has nothing above it
  const breadcrumb = page.getByRole("navigation", { name: "单位层级" });
  await expect(breadcrumb).toHaveText("吉凤街道");
  await expect(breadcrumb.getByRole("button")).toHaveCount(0);

  // the ranking: every community's overdue, received and in-progress equal its direct count; 本级 too
  for (const [name, figures] of byChild) {
    const row =
      name === "吉凤街道"
        ? page.getByRole("row").filter({ hasText: "吉凤街道（本级）" })
        : page.getByRole("row").filter({ has: page.getByRole("button", { name: `查看 ${name}` }) });
    await expect(row.getByRole("cell").nth(2), `${name} 逾期未办`).toHaveText(String(figures.overdue));
    await expect(row.getByRole("cell").nth(3), `${name} 受理量`).toHaveText(String(figures.received));
    await expect(row.getByRole("cell").nth(4), `${name} 办理中`).toHaveText(String(figures.in_progress));
  }

  // drill down: the page re-scopes to the community, whose figures equal its own direct count
  await page.getByRole("button", { name: `查看 ${communityName}` }).click();
  const figures = page.getByRole("region", { name: `${communityName} 的指标` });
  await expectKpis(figures, community);
  await expect(breadcrumb.getByRole("button", { name: "吉凤街道" })).toBeVisible();

  // each service's overdue figure opens its list, scoped to the community and overdue: exactly those records
  for (const [service, { overdue }] of sumBy(community, "service")) {
    if (overdue === 0) continue;
    await page.getByRole("link", { name: `${service} 逾期未办：${overdue}，打开记录` }).click();
    await expect(page).toHaveURL(/\/s\/[^?]+\?.*overdue=1/);
    await expect(page.getByRole("heading", { name: service })).toBeVisible();
    await expect(page.getByText(`${communityName}及下级`)).toBeVisible();
    await expect(page.getByText(`共 ${overdue} 条`)).toBeVisible();
    await expectExactly(page, overdue, await directOverdueIds(STREET, "leader", community[0].child_code, service));
    await page.goBack();
    await expect(figures).toBeVisible();
  }
});

test("a community's staff member sees their unit's backlog on the home page, equal to a direct count", async ({ page }) => {
  const own = await directCounts(COMMUNITY, "staff", COMMUNITY);
  const [service, { overdue }] = [...sumBy(own, "service")].sort((a, b) => b[1].overdue - a[1].overdue)[0];
  expect(overdue, "the demo data has overdue records in 牯牛坪社区").toBeGreaterThan(0);

  await signIn(page, "staff@demo.local");
  const section = page.getByRole("region", { name: "本单位概况 · 牯牛坪社区" });
  await expectKpis(section, own);
  await section.getByRole("link", { name: `${service} 逾期未办：${overdue}，打开记录` }).click();
  await expect(page.getByText(`共 ${overdue} 条`)).toBeVisible();
  await expectExactly(page, overdue, await directOverdueIds(COMMUNITY, "staff", COMMUNITY, service));
});
