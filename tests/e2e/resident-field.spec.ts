// Journey (issue 12, item 3): staff create a 老年优待证 for 田秀兰, a registered resident, found
// by typing her pinyin initials (txl) into the form's resident field. Her name, masked ID number,
// phone, grid and address arrive pre-filled and tagged 来自居民档案; staff correct the phone and
// ask for it to be written back (同时更新居民档案). The record is saved (the database puts her raw
// ID number into it and derives the age), and it is on her page's timeline with the phone change
// sourced 办件.
import { expect, pickTreeNode, restAs, signIn, test } from "./fixtures";

// A 1×1 PNG: the photo field wants jpeg or png.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("staff pick a registered person by pinyin initials; their details arrive pre-filled and the record is on their page", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await page.getByRole("button", { name: "新建" }).click();
  await page.getByRole("radio", { name: "老年人优待证（60 周岁以上）" }).check();

  const picker = page.getByLabel("从居民档案选择申请人");
  await picker.click();
  await picker.pressSequentially("txl");
  // 田秀兰 of 40_demo_residents.sql, born 1940, lives in 牯牛坪社区's second grid
  // antd's visible options carry their label as the title
  await page
    .getByTitle(/^田秀兰 · 433\*{14}[0-9X] · 1940年生$/)
    .filter({ visible: true })
    .first()
    .click();

  await expect(page.getByLabel("申请人姓名")).toHaveValue("田秀兰");
  await expect(page.getByLabel("申请人身份证号")).toHaveValue(/^433\*{14}[0-9X]$/);
  await expect(page.getByLabel("联系电话")).toHaveValue(/\*/);
  await expect(page.getByLabel("现居住地址")).toHaveValue("吉首市吉凤街道牯牛坪社区 5组 3号");
  // name, ID number, phone, grid, address and 本地户籍 (her 户籍 is in her county): each says where it came from
  await expect(page.getByText("来自居民档案")).toHaveCount(6);
  await expect(page.getByRole("radio", { name: "本地户籍", exact: true })).toBeChecked();

  // a new phone: staff may write it back to her record
  await expect(page.getByRole("checkbox", { name: "同时更新居民档案" })).toHaveCount(0);
  await page.getByLabel("联系电话").fill("13912345678");
  await page.getByRole("checkbox", { name: "同时更新居民档案" }).check();
  await page.locator("#record-field-photo input[type=file]").setInputFiles({ name: "证件照.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByText("证件照.png")).toHaveCount(1);
  await expect(page.getByText("文件上传中")).toHaveCount(0);
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page).toHaveURL(/\/s\/elderly_benefit\/show\//);
  const recordPath = new URL(page.url()).pathname;
  await expect(page.getByText("已同时更新居民档案")).toBeVisible();
  await expect(page.getByText("待受理").first()).toBeVisible();

  // the record names the person (a link to her page); her page lists it on the timeline, newest first
  await page.getByRole("link", { name: "田秀兰", exact: true }).click();
  await expect(page).toHaveURL(/\/residents\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: /田秀兰/ })).toBeVisible();
  const change = page.getByRole("listitem").filter({ hasText: "信息变更" }).filter({ hasText: "办件" }).filter({ hasText: "139****5678" });
  await expect(change).toHaveCount(1, { timeout: 20_000 });
  await page
    .getByRole("link", { name: /老年优待证\/高龄津贴：待受理/ })
    .first()
    .click();
  await expect(page).toHaveURL(new RegExp(`${recordPath}$`));
});

/** A synthetic, valid ID number of 吉首市 born 1950-01-01 (GB 11643 check character). */
function syntheticIdNumber(): string {
  const first17 = `43310119500101${String(Math.floor(Math.random() * 1000)).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

/** A GET of the REST API as staff@ (their own RLS). */
const asStaff = async <T>(path: string): Promise<T> => (await (await restAs("staff@demo.local"))(path)) as T;

/** The grid the registry placed a person in, read through staff@'s API. */
async function gridOf(name: string): Promise<string[]> {
  const rows = await asStaff<{ grid: { name: string } }[]>(`residents?select=grid:org_units(name)&name=eq.${encodeURIComponent(name)}`);
  return rows.map((row) => row.grid.name);
}

test("a person registered from the picker lives in the grid the form names, else in the one staff choose", async ({ page }) => {
  test.setTimeout(120_000);
  const suffix = String(Date.now()).slice(-4);
  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await page.getByRole("button", { name: "新建" }).click();

  // no grid answered yet: staff (the whole community) choose among their grids
  await page.getByRole("button", { name: "登记新居民" }).click();
  const dialog = page.getByRole("dialog", { name: "登记新居民" });
  await dialog.getByLabel("新居民姓名").fill(`登记测试甲${suffix}`);
  await dialog.getByLabel("新居民身份证号").fill(syntheticIdNumber());
  await dialog.getByRole("button", { name: "登记并选中" }).click();
  await expect(dialog.getByText("请选择所在网格")).toBeVisible();
  await dialog.getByRole("combobox", { name: "新居民所在网格" }).click();
  await page.getByTitle("第二网格", { exact: true }).filter({ visible: true }).click();
  await dialog.getByRole("button", { name: "登记并选中" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByLabel("申请人姓名")).toHaveValue(`登记测试甲${suffix}`);
  expect(await gridOf(`登记测试甲${suffix}`)).toEqual(["第二网格"]);

  // the form names 第一网格: the person goes there, no choice offered
  await page.goto("/s/elderly_benefit/create");
  await pickTreeNode(page, page.getByLabel("所属网格"), "第一网格", { force: true });
  await page.getByRole("button", { name: "登记新居民" }).click();
  await expect(dialog.getByText("登记到：第一网格（本表所填网格）")).toBeVisible();
  await expect(dialog.getByRole("combobox", { name: "新居民所在网格" })).toHaveCount(0);
  await dialog.getByLabel("新居民姓名").fill(`登记测试乙${suffix}`);
  await dialog.getByLabel("新居民身份证号").fill(syntheticIdNumber());
  await dialog.getByRole("button", { name: "登记并选中" }).click();
  await expect(dialog).toHaveCount(0);
  expect(await gridOf(`登记测试乙${suffix}`)).toEqual(["第一网格"]);
});

test("a demo record the upgrade linked names its person, opens their page, and saves an edit with the link kept", async ({ page }) => {
  test.setTimeout(120_000);
  // a seeded 老年优待 record: linked to its applicant by link_records_to_residents, its resident answer empty
  type Linked = { id: string; resident_id: string; data: Record<string, unknown>; residents: { name: string } };
  const [record] = await asStaff<Linked[]>(
    "records?select=id,resident_id,data,residents(name),services!inner(key)&services.key=eq.elderly_benefit&resident_id=not.is.null" +
      "&data->>applicant=is.null&status=eq.submitted&order=created_at.asc&limit=1",
  );
  expect(record, "a seeded record linked without an answer").toBeTruthy();
  const name = record.residents.name;
  await signIn(page, "staff@demo.local");
  await page.goto(`/s/elderly_benefit/show/${record.id}`);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/residents/${record.resident_id}$`));
  await expect(page.getByRole("heading", { name: new RegExp(name) })).toBeVisible();
  await expect(page.locator(`a[href="/s/elderly_benefit/show/${record.id}"]`).first()).toBeVisible();

  // the edit form shows the link in the picker; saving keeps it and now names the person in the answer
  await page.goto(`/s/elderly_benefit/edit/${record.id}`);
  await expect(
    page
      .getByText(new RegExp(`^${name} · 433\\*{14}[0-9X]`))
      .filter({ visible: true })
      .first(),
  ).toBeVisible();
  await page.getByLabel("备注").fill("核对档案后补充");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(`/s/elderly_benefit/show/${record.id}$`));
  await expect(page.getByText("核对档案后补充").first()).toBeVisible();
  const [saved] = await asStaff<{ resident_id: string; data: Record<string, unknown> }[]>(`records?select=resident_id,data&id=eq.${record.id}`);
  expect(saved).toMatchObject({ resident_id: record.resident_id, data: { applicant: record.resident_id, remarks: "核对档案后补充" } });
});
