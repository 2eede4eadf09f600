// Journey (issue 9, must show): a grid worker files a 老年优待证 for a 77-year-old — the age
// appears from the ID number by itself, and 高龄津贴 is refused with the 80+ rule's reason; staff
// accept it and check the originals; the community admin sends it up to the street and can no
// longer approve it; the street's staff approve it; the grid worker, who took part, still opens
// it read-only under 我经办的.
import { randomInt } from "node:crypto";
import { expect, pickTreeNode, signIn, signOut, test } from "./fixtures";

// A 1×1 PNG: the photo field wants jpeg or png.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** Today in China as [year, month, day]. */
function chinaToday(): [number, number, number] {
  const [y, m, d] = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).split("-").map(Number);
  return [y, m, d];
}

/** A valid GB 11643 ID number of 吉首市 for someone who turned 77 about a month ago. */
function idNumberAged77(): string {
  const [y, m, d] = chinaToday();
  const born = new Date(Date.UTC(y - 77, m - 1, d) - 30 * 86_400_000);
  const date = born.toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `433101${date}${String(randomInt(100, 999))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return first17 + "10X98765432"[sum % 11];
}

test("a 77-year-old's card goes from the grid to the street, which approves it; the grid worker still reads it", async ({ page }) => {
  test.setTimeout(240_000);
  const applicant = `测试老人${randomInt(1000, 9999)}`;

  // 网格员 files the application
  await signIn(page, "grid@demo.local");
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await page.getByRole("button", { name: "新建" }).click();
  await page.getByRole("radio", { name: "高龄津贴（80 周岁以上）" }).check();
  await page.getByLabel("申请人姓名").fill(applicant);
  await page.getByLabel("申请人身份证号").fill(idNumberAged77());
  // the age appears by itself, read-only
  await expect(page.getByLabel("年龄（周岁）")).toHaveValue("77");
  await expect(page.getByLabel("年龄（周岁）")).toBeDisabled();
  await page.getByLabel("联系电话").fill("13912345678");
  await pickTreeNode(page, page.getByLabel("所属网格"), "第一网格");
  await page.getByLabel("现居住地址").fill("吉首市吉凤街道牯牛坪社区 3组 12号");
  await page.getByRole("radio", { name: "本地户籍", exact: true }).check();
  await page.getByLabel("津贴发放银行卡号").fill("6217000012345678901");
  // 高龄津贴 for a 77-year-old: refused, with the rule's reason, and nothing is saved
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText(/高龄津贴须年满 80 周岁/).first()).toBeVisible();
  await expect(page).toHaveURL(/\/s\/elderly_benefit\/create/);

  // the senior card is what a 77-year-old can have
  await page.getByRole("radio", { name: "老年人优待证（60 周岁以上）" }).check();
  await expect(page.getByText(/高龄津贴须年满 80 周岁/)).toHaveCount(0);
  await page.locator("#record-field-photo input[type=file]").setInputFiles({ name: "证件照.png", mimeType: "image/png", buffer: PNG });
  await expect(page.getByText("证件照.png")).toHaveCount(1);
  await expect(page.getByText("文件上传中")).toHaveCount(0);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/s\/elderly_benefit\/show\//);
  await expect(page.getByText("待受理").first()).toBeVisible();
  const recordPath = new URL(page.url()).pathname;

  // the grid worker adds what they learnt at the door (filing it already makes it theirs under 我经办的)
  await page.getByRole("button", { name: "编辑" }).click();
  await page.getByLabel("备注").fill("老人行动不便，领证时需上门");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(new RegExp(recordPath));
  await expect(page.getByText("老人行动不便，领证时需上门").first()).toBeVisible();

  // 工作人员 accepts it and checks the originals
  await signOut(page);
  await signIn(page, "staff@demo.local");
  await expect(page.getByRole("banner").getByText("彭丽")).toBeVisible();
  await page.goto(recordPath);
  await page.getByRole("button", { name: "受理", exact: true }).click();
  await page.getByRole("dialog", { name: "受理" }).getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("已受理·待核验原件").first()).toBeVisible();
  await page.getByRole("button", { name: "核验原件" }).click();
  const verify = page.getByRole("dialog", { name: "核验原件" });
  // the age is the system's: nobody ticks 「年龄与身份证出生日期一致」 any more
  await expect(verify.getByRole("checkbox")).toHaveCount(3);
  for (const item of ["身份证原件已核对并当场退还", "户口簿原件（户主页及本人页）已核对", /居住证明、银行卡等适用材料已核对/]) {
    const box = verify.getByRole("checkbox", { name: item });
    await box.click();
    await expect(box).toBeChecked();
  }
  await verify.getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("原件已核验·待社区初审").first()).toBeVisible();

  // 社区管理员 sends it up to the street, and then cannot approve it
  await signOut(page);
  await signIn(page, "admin@demo.local");
  await expect(page.getByRole("banner").getByText("田晓梅")).toBeVisible();
  await page.goto(recordPath);
  await page.getByRole("button", { name: "社区初审通过并报街道" }).click();
  await page.getByRole("dialog", { name: "社区初审通过并报街道" }).getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("已上报上级单位，记录已移交")).toBeVisible();
  await page.goto(recordPath);
  await expect(page.getByText("社区初审通过·待街道审核").first()).toBeVisible();
  await expect(page.getByText("吉凤街道").first()).toBeVisible();
  await expect(page.getByRole("button", { name: "街道审核通过（优待证）" })).toHaveCount(0);

  // 街道工作人员 approves it
  await signOut(page);
  await signIn(page, "street@demo.local");
  await expect(page.getByRole("banner").getByText("石秀英")).toBeVisible();
  await page.goto(recordPath);
  await page.getByRole("button", { name: "街道审核通过（优待证）" }).click();
  await page.getByRole("dialog", { name: "街道审核通过（优待证）" }).getByRole("button", { name: "确认" }).click();
  await expect(page.getByText("审核通过·制证/待发放").first()).toBeVisible();

  // the grid worker finds it under 我经办的 and reads it, with nothing to change
  await signOut(page);
  await signIn(page, "grid@demo.local");
  await page.getByRole("menuitem", { name: /老年优待证/ }).click();
  await page.getByText("我经办的", { exact: true }).click();
  await expect(page).toHaveURL(/_mine/);
  await page
    .getByRole("row", { name: new RegExp(applicant) })
    .getByRole("link", { name: "查看" })
    .click();
  await expect(page).toHaveURL(new RegExp(recordPath));
  await expect(page.getByText("审核通过·制证/待发放").first()).toBeVisible();
  await expect(page.getByText(applicant).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "编辑" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "制证完成" })).toHaveCount(0);
});
