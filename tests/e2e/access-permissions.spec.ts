// Journey: the community admin opens 权限矩阵, can edit only the service their community owns
// (居民议事), grants volunteers "查看" on it, and the grant is in the database; templates owned
// by the prefecture are read-only for them.
import pg from "pg";
import { expect, signIn, test } from "./fixtures";

async function volunteerReads(): Promise<boolean> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    const { rows } = await db.query(
      `select 1 from public.service_role_grants g join public.services s on s.id = g.service_id
        where s.key = 'resident_proposal' and g.role_key = 'volunteer' and g.action = 'read'`,
    );
    return rows.length > 0;
  } finally {
    await db.end();
  }
}

test("a community admin edits the grants of their own service only", async ({ page }) => {
  expect(await volunteerReads()).toBe(false);
  await signIn(page, "admin@demo.local");
  await page.getByRole("menuitem", { name: /权限矩阵/ }).click();
  await expect(page.getByRole("heading", { name: "权限矩阵" })).toBeVisible();

  const own = page.getByRole("checkbox", { name: "居民议事 · 志愿者 · 查看", exact: true });
  await expect(own).toBeEnabled();
  await expect(page.getByRole("checkbox", { name: "网格事件上报 · 志愿者 · 查看", exact: true })).toBeDisabled();

  await own.check();
  await expect(page.getByText("已授权")).toBeVisible();
  await expect(own).toBeChecked();
  expect(await volunteerReads()).toBe(true);

  await own.uncheck();
  await expect(page.getByText("已撤销授权")).toBeVisible();
  expect(await volunteerReads()).toBe(false);
});

test("staff have no 权限矩阵 menu", async ({ page }) => {
  await signIn(page, "staff@demo.local");
  await expect(page.getByRole("banner").getByText("彭丽")).toBeVisible();
  await expect(page.getByRole("menuitem", { name: /权限矩阵/ })).toHaveCount(0);
});
