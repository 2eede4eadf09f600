// Journey (issue 12, item 3): staff create a 老年优待证 for 田秀兰, a registered resident, found
// by typing her pinyin initials (txl) into the form's resident field. Her name, masked ID number,
// phone, grid and address arrive pre-filled and tagged 来自居民档案; staff correct the phone and
// ask for it to be written back (同时更新居民档案). The record is saved (the database puts her raw
// ID number into it and derives the age), and it is on her page's timeline with the phone change
// sourced 办件.
import { expect, signIn, test } from "./fixtures";

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
  // name, ID number, phone, grid and address: each says where it came from
  await expect(page.getByText("来自居民档案")).toHaveCount(5);

  // a new phone: staff may write it back to her record
  await expect(page.getByRole("checkbox", { name: "同时更新居民档案" })).toHaveCount(0);
  await page.getByLabel("联系电话").fill("13912345678");
  await page.getByRole("checkbox", { name: "同时更新居民档案" }).check();
  await page.getByRole("radio", { name: "本地户籍", exact: true }).check();
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
