// Must-show journey of issue 12: staff file a 老年优待证 for 向德福, a registered resident aged 82
// (synthetic, supabase/seed/40_demo_residents.sql: born 1944-03-12, 牯牛坪社区's first grid, 户籍
// in his community), found by typing his pinyin initials. His name, masked ID number, phone, grid,
// address and 本地户籍 arrive pre-filled (来自居民档案) and 年龄 shows his age, derived before
// saving (from the registry: the form holds only the ID number's mask). The record is on his
// page's timeline. A second 老年优待证 for him is flagged: the notice names and links the first
// record, and the template refuses an open duplicate, so the save is refused with the database's
// words and no second record exists. Once he holds the card, the template only warns: staff
// confirm and the application is filed — and what the first application said about his proxy
// (his wife, her phone) arrives from it (来自上次申请, linked), the phone masked, and the database
// puts the real number into the new record; his photo arrives from it too, copied: the new record
// references a new file, uploaded by staff, not the first record's. The inputs staff fill are
// counted, both times: scripts/measure-resident-typing.ts says 3 for a person in the registry and
// 2 once he has applied (tests/unit/views/resident-typing.test.ts), and this is what typing them takes.
import pg from "pg";
import { expect, restAs, signIn, test } from "./fixtures";

// A 1×1 PNG: the photo field wants jpeg or png.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
/** What the measuring script counts for 老年优待证 and a person in the registry: the pick, 申请事项, the photo. */
const REGISTRY_INPUTS = 3;
/** … and for a returning one (applied before): the pick, 申请事项; the photo is copied from that application. */
const RETURNING_INPUTS = 2;
/** The proxy the first application names (optional fields, typed once and not counted) */
const PROXY = { name: "彭桂英", relation: "配偶", phone: "13907430202" };
const BORN = "1944-03-12";
const DUPLICATE = "该居民已有未办结的同类申请，不能重复申请";
const HELD = "该居民已持有所申请的事项，请确认是否仍要提交";

/** As the database superuser, for what only an import may do: hand the card over without the workflow. */
async function handOverAsAnImport(recordId: string): Promise<void> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    await db.query("begin");
    await db.query("select set_config('app.record_write', 'import', true)");
    await db.query("update public.records set status = 'issued' where id = $1", [recordId]);
    await db.query("commit");
  } finally {
    await db.end();
  }
}

/** The raw sensitive answer the database keeps for a record (as the superuser: no API role reads it). */
async function rawAnswer(recordId: string, key: string): Promise<unknown> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ value: unknown }>("select private.sensitive_answers_of($1) -> $2 as value", [recordId, key]);
    return rows[0]?.value;
  } finally {
    await db.end();
  }
}

/** Who uploaded a stored file (as the superuser: storage.objects is not in the API). */
async function fileOwner(path: string): Promise<{ owner: string; staff: string }> {
  const db = new pg.Client({ connectionString: process.env.SUPABASE_DB_URL });
  await db.connect();
  try {
    const { rows } = await db.query<{ owner: string; staff: string }>(
      "select o.owner_id as owner, (select id::text from auth.users where email = 'staff@demo.local') as staff from storage.objects o where o.bucket_id = 'record-attachments' and o.name = $1",
      [path],
    );
    return rows[0];
  } finally {
    await db.end();
  }
}

/** Full years on today's date in China (the registry's today). */
function ageToday(): number {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const years = Number(today.slice(0, 4)) - Number(BORN.slice(0, 4));
  return today.slice(5) >= BORN.slice(5) ? years : years - 1;
}

test("staff file a 老年优待证 for a registered 82-year-old found by pinyin initials; a second one is refused, one after the card is held warned", async ({
  page,
}) => {
  test.setTimeout(180_000);
  expect(ageToday()).toBeGreaterThanOrEqual(82);
  await signIn(page, "staff@demo.local");
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await page.getByRole("button", { name: "新建" }).click();

  let inputs = 0;
  const pickXiang = async () => {
    const picker = page.getByLabel("从居民档案选择申请人");
    await picker.click();
    await picker.pressSequentially("xdf");
    // antd's visible options carry their label as the title
    await page
      .getByTitle(/^向德福 · 433\*{14}[0-9X] · 1944年生$/)
      .filter({ visible: true })
      .first()
      .click();
  };
  await page.getByRole("radio", { name: "老年人优待证（60 周岁以上）" }).check();
  inputs += 1;
  await pickXiang();
  inputs += 1;

  // his details, as the registry holds them (ID number and phone masked), each tagged
  await expect(page.getByLabel("申请人姓名")).toHaveValue("向德福");
  await expect(page.getByLabel("申请人身份证号")).toHaveValue(/^433\*{14}[0-9X]$/);
  await expect(page.getByLabel("联系电话")).toHaveValue("139****0101");
  await expect(page.getByTitle("第一网格", { exact: true }).filter({ visible: true })).toHaveCount(1);
  await expect(page.getByLabel("现居住地址")).toHaveValue("吉首市吉凤街道牯牛坪社区 2组 6号");
  // his 户籍 is in his community's county: 本地户籍, from the registry too
  await expect(page.getByRole("radio", { name: "本地户籍", exact: true })).toBeChecked();
  await expect(page.getByText("来自居民档案")).toHaveCount(6);
  // the age is derived before saving, from the registry's birth date (the form has only the mask)
  await expect(page.getByLabel("年龄（周岁）")).toHaveValue(String(ageToday()));

  await page.locator("#record-field-photo input[type=file]").setInputFiles({ name: "证件照.png", mimeType: "image/png", buffer: PNG });
  inputs += 1;
  await expect(page.getByText("证件照.png")).toHaveCount(1);
  await expect(page.getByText("文件上传中")).toHaveCount(0);
  // nothing else is required: the measured figure for a registered resident
  expect(inputs).toBe(REGISTRY_INPUTS);
  // his wife applies for him this time (optional: not counted)
  await page.getByLabel("代办人姓名").fill(PROXY.name);
  await page.getByLabel("代办人与申请人关系").click();
  await page.getByTitle(PROXY.relation, { exact: true }).filter({ visible: true }).first().click();
  await page.getByLabel("代办人电话").fill(PROXY.phone);
  await page.getByRole("button", { name: "保存" }).click();

  await expect(page).toHaveURL(/\/s\/elderly_benefit\/show\/[0-9a-f-]{36}$/);
  const firstPath = new URL(page.url()).pathname;
  await expect(page.getByText("待受理").first()).toBeVisible();

  // the record names him (his name links to his page), and his page lists the record
  await page.getByRole("link", { name: "向德福", exact: true }).click();
  await expect(page).toHaveURL(/\/residents\/[0-9a-f-]{36}$/);
  const residentId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByRole("heading", { name: /向德福/ })).toBeVisible();
  // his 户籍 as the registry holds it: a community of ours, named
  await expect(page.getByText("433101009001（牯牛坪社区）")).toBeVisible();
  await expect(page.getByText("湖南省吉首市吉凤街道牯牛坪社区 2组 6号", { exact: true }).first()).toBeVisible();
  const onTimeline = page.getByRole("link", { name: /老年优待证\/高龄津贴：待受理/ });
  await expect(onTimeline).toHaveCount(1, { timeout: 20_000 });
  await expect(onTimeline).toHaveAttribute("href", firstPath);

  // a second application for him: flagged as soon as he is picked, with a link to the first
  await page.goto("/s/elderly_benefit/create");
  await page.getByRole("radio", { name: "老年人优待证（60 周岁以上）" }).check();
  await pickXiang();
  await expect(page.getByText(DUPLICATE)).toBeVisible();
  const existing = page.getByRole("link", { name: /查看已有申请：待受理/ });
  await expect(existing).toHaveAttribute("href", firstPath);
  // his photo is copied from that application: nothing to upload
  await expect(page.getByText("证件照.png")).toHaveCount(1);
  await page.getByRole("button", { name: "保存" }).click();
  // refused: said again above the form, and the page stays on the form
  await expect(page.getByText(DUPLICATE)).toHaveCount(2);
  await expect(page).toHaveURL(/\/s\/elderly_benefit\/create$/);

  // and the database holds one application for him
  const api = await restAs("staff@demo.local");
  const [service] = (await api("services?select=id&key=eq.elderly_benefit")) as { id: string }[];
  const records = (await api(`records?select=id,age:data->age&service_id=eq.${service.id}&resident_id=eq.${residentId}`)) as { id: string; age: number }[];
  expect(records.map((r) => `/s/elderly_benefit/show/${r.id}`)).toEqual([firstPath]);
  // the database derived the same age from the raw ID number it put into the record
  expect(records[0].age).toBe(ageToday());

  // once he holds the card (handed over), a new application is only warned: staff confirm and file
  // he has applied before: the proxy comes from that application, the same 3 inputs are typed
  await handOverAsAnImport(records[0].id);
  await page.goto("/s/elderly_benefit/create");
  inputs = 0;
  await page.getByRole("radio", { name: "老年人优待证（60 周岁以上）" }).check();
  inputs += 1;
  await pickXiang();
  inputs += 1;
  await expect(page.getByText(HELD)).toBeVisible();
  await expect(page.getByRole("link", { name: /查看已有申请：已领取/ })).toHaveAttribute("href", firstPath);
  await expect(page.getByLabel("代办人姓名")).toHaveValue(PROXY.name);
  await expect(page.getByLabel("代办人电话")).toHaveValue("139****0202");
  await expect(page.getByTitle(PROXY.relation, { exact: true }).filter({ visible: true })).toHaveCount(1);
  // the proxy's name, relation and phone, and the photo (copied into staff's own upload), each tagged
  const fromLast = page.getByRole("link", { name: /^来自上次申请 · \d{4}-\d{2}-\d{2}$/ });
  await expect(fromLast).toHaveCount(4);
  await expect(fromLast.first()).toHaveAttribute("href", firstPath);
  await expect(page.getByText("证件照.png")).toHaveCount(1);
  await expect(page.getByRole("radio", { name: "本地户籍", exact: true })).toBeChecked();
  expect(inputs).toBe(RETURNING_INPUTS);
  await page.getByRole("button", { name: "保存" }).click();
  const confirm = page.getByRole("dialog").filter({ hasText: "确认仍要提交？" });
  await expect(confirm.getByText(HELD)).toBeVisible();
  await confirm.getByRole("button", { name: "仍要提交" }).click();
  await expect(page).toHaveURL(/\/s\/elderly_benefit\/show\/[0-9a-f-]{36}$/);
  expect(new URL(page.url()).pathname).not.toBe(firstPath);
  expect(((await api(`records?select=id&service_id=eq.${service.id}&resident_id=eq.${residentId}`)) as unknown[]).length).toBe(2);
  // the mask the form sent back became the first application's number in the new record
  const thirdId = new URL(page.url()).pathname.split("/").pop()!;
  expect(await rawAnswer(thirdId, "proxy_phone")).toBe(PROXY.phone);
  expect(await rawAnswer(records[0].id, "proxy_phone")).toBe(PROXY.phone);
  // the photo: the same picture as a new file of staff's own, not the first record's
  const photos = (await api(`record_attachments?select=record_id,path,name,mime,size&field_key=eq.photo&record_id=in.(${records[0].id},${thirdId})`)) as {
    record_id: string;
    path: string;
    name: string;
    mime: string;
    size: number;
  }[];
  const [firstPhoto, copiedPhoto] = [records[0].id, thirdId].map((id) => photos.find((photo) => photo.record_id === id)!);
  expect(copiedPhoto).toMatchObject({ name: "证件照.png", mime: "image/png", size: PNG.length });
  expect(copiedPhoto.path).not.toBe(firstPhoto.path);
  const { owner, staff } = await fileOwner(copiedPhoto.path);
  expect(owner).toBe(staff);
  expect(copiedPhoto.path.startsWith(`${staff}/`)).toBe(true);
});
