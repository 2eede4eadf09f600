// Issue #11: the app on a phone (390 × 844). The header fits one line — its controls side by
// side, none covering another and none past the screen's edge — the menu opens from the header,
// and a record list can be read. For an admin, a staff member and a leader. 待办 fits the phone's
// width (its table scrolls in its own box), and on a tablet (768 px) and just below the desktop
// layout (991 px) nothing lies over a page's heading (the drawer sider's own opener did).
import type { Locator, Page } from "@playwright/test";
import { expect, signIn, test } from "./fixtures";

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

type Box = { x: number; y: number; width: number; height: number };

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(control: Locator): Promise<Box> {
  await expect(control).toBeVisible();
  const box = await control.boundingBox();
  expect(box).not.toBeNull();
  return box!;
}

async function expectHeaderFits(page: Page): Promise<void> {
  const controls: [string, Locator][] = [
    ["菜单", page.getByRole("button", { name: "菜单" })],
    ["账号", page.getByRole("button", { name: /^账号:/ })],
    ["语言", page.getByLabel("语言", { exact: true })],
    ["退出登录", page.getByRole("button", { name: "退出登录" })],
  ];
  const demo = page.getByText("演示数据", { exact: true });
  if (await demo.isVisible()) controls.push(["演示数据", demo]);
  const boxes = await Promise.all(controls.map(async ([name, control]) => [name, await boxOf(control)] as const));
  for (const [name, box] of boxes) {
    expect(box.x, `${name} starts on screen`).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, `${name} ends on screen`).toBeLessThanOrEqual(390);
    expect(box.y + box.height, `${name} stays in the 64 px header`).toBeLessThanOrEqual(64);
  }
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i][1], boxes[j][1]), `${boxes[i][0]} overlaps ${boxes[j][0]}`).toBe(false);
}

for (const account of ["admin@demo.local", "staff@demo.local", "leader@demo.local"]) {
  test(`${account} on a phone: the header fits, the menu opens, a list is readable`, async ({ page }) => {
    await signIn(page, account);
    await expectHeaderFits(page);

    // the units and roles moved into the account menu
    await page.getByRole("button", { name: /^账号:/ }).click();
    await expect(page.getByRole("menuitem", { name: "修改密码" })).toBeVisible();
    await page.keyboard.press("Escape");

    await page.getByRole("button", { name: "菜单" }).click();
    const elderly = page.getByRole("menuitem", { name: /高龄津贴/ });
    await expect(elderly).toBeVisible();
    await elderly.click();
    await expect(page).toHaveURL(/\/s\/elderly_benefit/);
    await expect(page.getByRole("heading", { name: /高龄津贴/ })).toBeVisible();
    const firstRow = page.getByRole("row").nth(1);
    await expect(firstRow).toBeVisible({ timeout: 20_000 });
    // readable: the first row's first cell starts on screen and has text
    const cell = firstRow.getByRole("cell").first();
    expect((await boxOf(cell)).x).toBeGreaterThanOrEqual(0);
    await expect(cell).not.toBeEmpty();
    await expectHeaderFits(page);
  });
}

test("待办 on a phone: the page does not scroll sideways", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  await page.goto("/tasks");
  await expect(page.getByRole("heading", { name: "我的待办" })).toBeVisible();
  await expect(page.getByRole("row").nth(1)).toBeVisible({ timeout: 20_000 });
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, "the page is no wider than the screen").toBeLessThanOrEqual(clientWidth);
  await expectHeaderFits(page);
});

/** The topmost element at a few points of the heading is the heading itself (or inside it). */
async function expectUncovered(heading: Locator, label: string): Promise<void> {
  const box = await boxOf(heading);
  for (const [x, y] of [
    [box.x + 2, box.y + 4],
    [box.x + 2, box.y + box.height / 2],
    [box.x + Math.min(box.width / 2, 40), box.y + 2],
    [box.x + box.width / 2, box.y + box.height / 2],
  ]) {
    const onTop = await heading.evaluate(
      (el, [px, py]) => {
        const top = document.elementFromPoint(px, py);
        return top !== null && (el === top || el.contains(top));
      },
      [x, y],
    );
    expect(onTop, `${label}: nothing lies over the heading at (${Math.round(x)}, ${Math.round(y)})`).toBe(true);
  }
}

for (const width of [390, 768, 991]) {
  test(`at ${width} px nothing covers a page's heading`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await signIn(page, "staff@demo.local");
    await page.goto("/tasks");
    await expectUncovered(page.getByRole("heading", { name: "我的待办" }), `待办 at ${width} px`);
    await page.goto("/s/elderly_benefit");
    await expectUncovered(page.getByRole("heading", { name: /高龄津贴/ }), `a list at ${width} px`);
    // the header's 菜单 still opens the drawer the hidden opener opened
    await page.getByRole("button", { name: "菜单" }).click();
    await expect(page.getByRole("menuitem", { name: /高龄津贴/ })).toBeVisible();
  });
}
