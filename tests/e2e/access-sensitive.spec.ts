// Journey: sensitive answers reach the browser masked. Staff (granted view_sensitive) opens a
// record, states why, and sees one ID number unmasked; a grid worker gets no such button; and
// staff can still edit the record without retyping the masked answers.
import pg from "pg";
import { expect, signIn, signOut, test } from "./fixtures";

async function elderlyRecordAt(unitCode: string): Promise<{ id: string; idNumber: string }> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ id: string; masked: string }>(
      `select r.id, r.data ->> 'applicant_id_number' masked
         from public.records r join public.services s on s.id = r.service_id join public.org_units u on u.id = r.org_unit_id
        where s.key = 'elderly_benefit' and u.code = $1 and r.deleted_at is null and r.status = 'submitted'
        order by r.created_at limit 1`,
      [unitCode],
    );
    const raw = await db.query<{ value: string }>("select data ->> 'applicant_id_number' as value from private.record_sensitive_values where record_id = $1", [
      rows[0].id,
    ]);
    return { id: rows[0].id, idNumber: raw.rows[0].value };
  } finally {
    await db.end();
  }
}

test("staff unmasks one ID number with a reason; a grid worker cannot; editing keeps masked answers", async ({ page }) => {
  test.setTimeout(120_000);
  const record = await elderlyRecordAt("433101009001001");
  const masked = `${record.idNumber.slice(0, 3)}${"*".repeat(14)}${record.idNumber.slice(-1)}`;

  await signIn(page, "grid@demo.local");
  await expect(page.getByRole("banner").getByText("龙建军")).toBeVisible();
  await page.goto(`/s/elderly_benefit/show/${record.id}`);
  await expect(page.getByText(masked).first()).toBeVisible();
  await expect(page.getByText(record.idNumber)).toHaveCount(0);
  await expect(page.getByRole("button", { name: /查看原文/ })).toHaveCount(0);
  await signOut(page);

  await signIn(page, "staff@demo.local");
  await expect(page.getByRole("banner").getByText("彭丽")).toBeVisible();
  await page.goto(`/s/elderly_benefit/show/${record.id}`);
  await expect(page.getByText(masked).first()).toBeVisible();
  await page.getByRole("button", { name: "查看原文 申请人身份证号" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByRole("button", { name: "查看" })).toBeDisabled();
  await dialog.getByLabel("查看理由").fill("核对申请人身份证原件");
  await dialog.getByRole("button", { name: "查看" }).click();
  await expect(dialog.getByText(record.idNumber)).toBeVisible();
  await expect(dialog.getByText("已记录本次查看")).toBeVisible();
  await dialog
    .getByRole("button", { name: /Close|关闭|取消/ })
    .first()
    .click();

  await page.getByRole("button", { name: "编辑" }).click();
  await page.getByLabel("现居住地址").fill("吉首市吉凤街道牯牛坪社区 5组 8号");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/show\//);
  await expect(page.getByText("5组 8号").first()).toBeVisible();
  await expect(page.getByText(masked).first()).toBeVisible();
});
