// A 12-column resident roster as a community keeps it in Excel, for the sheet-import tests (unit
// and e2e): names, genders, ID numbers with valid GB 11643 check characters, birth dates as date
// cells, mobiles, 民族, household sizes, 是否党员 (是/否), 享受低保 (有/无), amounts with fen, visit
// dates written as text (2025/3/15) and addresses. Deterministic: row i is always the same person.
import ExcelJS from "exceljs";

export const rosterHeaders = [
  "姓名",
  "性别",
  "身份证号",
  "出生日期",
  "联系电话",
  "民族",
  "家庭人口",
  "是否党员",
  "享受低保",
  "补贴金额",
  "最近走访",
  "家庭住址",
];

/** What each column should be inferred as, in order. */
export const rosterTypes = ["text", "select", "id_number", "date", "phone", "select", "number", "boolean", "boolean", "money", "date", "text"];

export type RosterCell = string | number | Date;

/** Which data rows (0-based) are broken on purpose, and how. */
export type RosterFault = "id_check_digit" | "phone" | "date";

const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const given = ["建国", "秀英", "桂花", "志强", "丽", "军", "海燕", "明", "春梅", "德华", "玉兰", "小龙"];
const nations = ["汉族", "苗族", "土家族"];

function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i], 0);
  return "10X98765432"[sum % 11];
}

/** The roster's data rows; `faults` breaks the named rows. */
export function rosterRows(count: number, faults: ReadonlyMap<number, RosterFault> = new Map()): RosterCell[][] {
  return Array.from({ length: count }, (_, i) => {
    const year = 1940 + (i % 60);
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    const sequence = String((100 + i) % 1000).padStart(3, "0");
    const first17 = `433101${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${sequence}`;
    let id = first17 + checkChar(first17);
    let phone = `139${String(10_000_000 + i * 7919).slice(0, 8)}`;
    let visit = `2025/${(i % 12) + 1}/${(i % 27) + 1}`;
    const fault = faults.get(i);
    // a wrong check character: the last one shifted to another valid-looking one
    if (fault === "id_check_digit") id = first17 + (id.endsWith("0") ? "1" : "0");
    if (fault === "phone") phone = phone.slice(0, 10);
    if (fault === "date") visit = "2025/2/30";
    return [
      `${surnames[i % surnames.length]}${given[i % given.length]}`,
      Number(sequence[2]) % 2 === 1 ? "男" : "女",
      id,
      new Date(Date.UTC(year, month - 1, day)),
      phone,
      nations[i % 3],
      (i % 6) + 1,
      i % 4 === 0 ? "是" : "否",
      i % 5 === 0 ? "有" : "无",
      Math.round((300 + (i % 9) * 12.35) * 100) / 100,
      visit,
      `吉首市吉凤街道牯牛坪社区 ${(i % 8) + 1} 组 ${i + 1} 号`,
    ];
  });
}

/** An .xlsx with a title row above the header (as rosters often have), the header, then the rows. */
export async function rosterWorkbook(rows: readonly RosterCell[][], title = "牯牛坪社区居民花名册"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("花名册");
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, rosterHeaders.length);
  sheet.addRow(rosterHeaders);
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(4).numFmt = "yyyy-mm-dd";
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
