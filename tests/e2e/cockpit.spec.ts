// Journeys: the city leader (leader@, 吉首市) opens 领导驾驶舱 and sees figures equal to a direct
// count of their subtree's records, drills down to 吉凤街道 and then 牯牛坪社区, clicks a
// service's overdue figure and lands on exactly those records, and goes back up by the
// breadcrumb; a community's staff member (staff@, 牯牛坪社区) sees their own backlog on the home page.
import pg from "pg";
import { expect, signIn, test } from "./fixtures";

type Counts = { service: string; received: number; in_progress: number; overdue: number };

/**
 * As postgres, past RLS: per service, the records under unit `unitCode` that a member holding
 * `role` at `scopeCode` reads (the role's read grant, the membership's subtree); terminal states
 * are those of the service's current version, as the cockpit counts them.
 */
async function directCounts(scopeCode: string, role: string, unitCode: string): Promise<Counts[]> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    const { rows } = await db.query<Counts>(
      `select s.name as service, count(*)::int as received,
              count(*) filter (where not done)::int as in_progress,
              count(*) filter (where not done and r.due_at < now())::int as overdue
         from public.records r
         join public.org_units u on u.id = r.org_unit_id
         join public.org_units t on t.code = $3
         join public.org_units sc on sc.code = $1
         join public.services s on s.id = r.service_id
         join public.service_versions v on v.service_id = s.id and v.version = s.current_version
        cross join lateral (select exists (select 1 from jsonb_array_elements(v.definition #> '{workflow,states}') st
                                            where st ->> 'key' = r.status and (st ->> 'terminal')::boolean) as done) x
        where r.deleted_at is null
          and (u.path = t.path or u.path like t.path || '.%')
          and (u.path = sc.path or u.path like sc.path || '.%')
          and exists (select 1 from public.service_role_grants g where g.service_id = r.service_id and g.role_key = $2 and g.action = 'read')
        group by s.name
        order by overdue desc, received desc, s.name`,
      [scopeCode, role, unitCode],
    );
    return rows;
  } finally {
    await db.end();
  }
}

const sum = (rows: Counts[], key: keyof Omit<Counts, "service">) => rows.reduce((total, r) => total + r[key], 0);

test("a leader's cockpit equals a direct count, drills down to a community and opens exactly its overdue records", async ({ page }) => {
  const city = await directCounts("433101", "leader", "433101");
  const street = await directCounts("433101", "leader", "433101009");
  const community = await directCounts("433101", "leader", "433101009001");
  expect(sum(city, "received")).toBeGreaterThan(0);
  const target = community[0];
  expect(target.overdue, "the demo data has overdue records in 牯牛坪社区").toBeGreaterThan(0);

  await signIn(page, "leader@demo.local");
  await page.getByRole("menuitem", { name: /领导驾驶舱/ }).click();
  await expect(page.getByRole("heading", { name: "领导驾驶舱" })).toBeVisible();
  const figures = page.getByRole("region", { name: "吉首市 的指标" });
  await expect(figures.getByText(`n = ${sum(city, "received")}`).first()).toBeVisible();

  // the ranking: 吉凤街道's overdue and received equal the direct count of its subtree
  const jifeng = page.getByRole("row").filter({ has: page.getByRole("button", { name: "查看 吉凤街道" }) });
  await expect(jifeng.getByRole("cell").nth(2)).toHaveText(String(sum(street, "overdue")));
  await expect(jifeng.getByRole("cell").nth(3)).toHaveText(String(sum(street, "received")));

  // drill down twice: the whole page re-scopes, the breadcrumb grows
  await page.getByRole("button", { name: "查看 吉凤街道" }).click();
  await expect(
    page
      .getByRole("region", { name: "吉凤街道 的指标" })
      .getByText(`n = ${sum(street, "received")}`)
      .first(),
  ).toBeVisible();
  await page.getByRole("button", { name: "查看 牯牛坪社区" }).click();
  await expect(
    page
      .getByRole("region", { name: "牯牛坪社区 的指标" })
      .getByText(`n = ${sum(community, "received")}`)
      .first(),
  ).toBeVisible();
  const breadcrumb = page.getByRole("navigation", { name: "单位层级" });
  await expect(breadcrumb.getByRole("button", { name: "吉首市" })).toBeVisible();
  await expect(breadcrumb.getByRole("button", { name: "吉凤街道" })).toBeVisible();

  // the service's overdue figure opens its list scoped to the community, overdue only
  const overdueLink = page.getByRole("link", { name: `${target.service} 逾期未办：${target.overdue}，打开记录` });
  await overdueLink.click();
  await expect(page).toHaveURL(/\/s\/[^?]+\?.*overdue=1/);
  await expect(page.getByRole("heading", { name: target.service })).toBeVisible();
  await expect(page.getByText("牯牛坪社区及下级")).toBeVisible();
  await expect(page.getByText(`共 ${target.overdue} 条`)).toBeVisible();

  // back to the cockpit, and up by the breadcrumb
  await page.goBack();
  await page.getByRole("navigation", { name: "单位层级" }).getByRole("button", { name: "吉首市" }).click();
  await expect(page.getByRole("region", { name: "吉首市 的指标" })).toBeVisible();
});

test("a community's staff member sees their own unit's backlog on the home page", async ({ page }) => {
  const own = await directCounts("433101009001", "staff", "433101009001");
  const busiest = [...own].sort((a, b) => b.in_progress - a.in_progress)[0];
  expect(busiest.in_progress).toBeGreaterThan(0);

  await signIn(page, "staff@demo.local");
  const section = page.getByRole("region", { name: "本单位概况 · 牯牛坪社区" });
  await expect(section).toBeVisible();
  await expect(section.getByText(`n = ${sum(own, "received")}`).first()).toBeVisible();
  const backlog = section.getByRole("link", { name: `${busiest.service} 办理中：${busiest.in_progress}，打开记录` });
  await expect(backlog).toBeVisible();
  await backlog.click();
  await expect(page.getByText(`共 ${busiest.in_progress} 条`)).toBeVisible();
});
