// A sheet row → the `values` of import_residents (IMPORT-API.md), checked with the registry's own
// browser rules (residentInput.ts: name, GB 11643 ID number, phone, address) and the code lists;
// the database checks again in its dry run (scope, existing people) and has the last word.
import { halfWidth } from "@/field-types/shared/halfWidth";
import { addressProblem, checkIdNumber, checkPhone, hukouRegionValid, nameProblem, tidyText, type ResidentInputProblem } from "@/pages/residents/residentInput";
import { cellText, isBlankCell, type SheetCell } from "@/pages/sheet-import/sheetCells";
import { choiceFinder, type HeaderMapping, type ImportColumn } from "./importColumns";
import { problem, type RowConverter, type RowProblem } from "./importRows";

export interface ResidentImportRow {
  row: number;
  values: Record<string, string | string[]>;
}

const listSeparators = /[、,，;；/|]+/;

const inputMessages: Record<ResidentInputProblem, [string, string]> = {
  nameRequired: ["请填写姓名", "Name is required"],
  nameTooLong: ["姓名最多 60 个字", "A name has at most 60 characters"],
  addressTooLong: ["住址最多 200 个字", "An address has at most 200 characters"],
  idRequired: ["请填写身份证号", "ID number is required"],
  idFormat: ["身份证号应为 18 位（末位可为 X）或旧式 15 位数字", "An ID number has 18 characters (the last may be X) or 15 digits"],
  idBirthDate: ["身份证号中的出生日期无效", "The birth date in the ID number is not valid"],
  idCheck: ["身份证号校验位不符，请核对号码", "The ID number's check character does not match: check the number"],
  phoneInvalid: ["请填写 11 位手机号或带区号的固定电话（如 0743-8221234）", "Enter an 11-digit mobile or a landline with its area code (0743-8221234)"],
};

/**
 * Converts rows under `mapping` (header index → column key). Keeps the ID numbers seen so far:
 * a person twice in one file is reported at the second row, naming the first.
 */
export function residentRowConverter(
  columns: readonly ImportColumn[],
  headers: readonly string[],
  mapping: HeaderMapping,
  today: string,
): RowConverter<ResidentImportRow> {
  const byKey = new Map(columns.map((column) => [column.key, column]));
  const finders = new Map(columns.filter((c) => c.choices).map((c) => [c.key, choiceFinder(c.choices!)]));
  const seen = new Map<string, number>();
  const mapped = mapping.flatMap((key, index) => (key && byKey.has(key) ? [{ key, index, header: headers[index]! }] : []));

  return (cells: readonly SheetCell[], rowNumber: number) => {
    const values: Record<string, string | string[]> = {};
    const problems: RowProblem[] = [];
    const fail = (header: string, [zh, en]: readonly [string, string]) => problems.push(problem(rowNumber, header, zh, en));
    for (const { key, index, header } of mapped) {
      const cell = cells[index] ?? null;
      const column = byKey.get(key)!;
      const text = cellText(cell);
      if (key === "name") {
        const issue = nameProblem(text);
        if (issue) fail(header, inputMessages[issue]);
        else values.name = tidyText(text);
      } else if (key === "id_number") {
        if (typeof cell === "number" && !Number.isSafeInteger(cell)) {
          fail(header, [
            `身份证号「${text}」在 Excel 中被存成了数字，末位已丢失；请把该列设为文本后重新录入`,
            `The ID number "${text}" was stored as a number in Excel and lost its last digits; set the column to text and type it again`,
          ]);
          continue;
        }
        const raw = halfWidth(text).replace(/[\s\-\u2010-\u2015]+/g, "");
        const checked = raw.length > 18 ? ({ problem: "idFormat" } as const) : checkIdNumber(raw, today);
        if ("problem" in checked) {
          fail(header, inputMessages[checked.problem]);
          continue;
        }
        const first = seen.get(checked.value);
        if (first !== undefined) {
          fail(header, [`与第 ${first} 行的身份证号相同：一人只登记一次`, `Same ID number as row ${first}: one person is registered once`]);
          continue;
        }
        seen.set(checked.value, rowNumber);
        values.id_number = checked.value;
      } else if (isBlankCell(cell)) {
        // empty: nothing to change on a registered person (the database asks for a new person's grid)
        continue;
      } else if (key === "phone") {
        const checked = halfWidth(text).replace(/\D/g, "").length > 16 ? ({ problem: "phoneInvalid" } as const) : checkPhone(text);
        if ("problem" in checked) fail(header, inputMessages[checked.problem]);
        else if (checked.value !== null) values.phone = checked.value;
      } else if (key === "address") {
        const issue = addressProblem(text);
        if (issue) fail(header, inputMessages[issue]);
        else values.address = tidyText(text);
      } else if (key === "hukou_address") {
        if (addressProblem(text)) fail(header, ["户籍地址最多 200 个字", "A hukou address has at most 200 characters"]);
        else values.hukou_address = tidyText(text);
      } else if (key === "hukou_region") {
        if (!hukouRegionValid(text)) {
          fail(header, [
            "户籍地区划代码应为 6 位县级代码（GB/T 2260，如 433101）或 12 位乡镇、村（社区）代码",
            "The hukou region code is a 6-digit county code (GB/T 2260, e.g. 433101) or a 12-digit township and village code",
          ]);
        } else values.hukou_region = text.trim();
      } else if (key === "household_number") {
        const number = tidyText(text);
        if (number.length > 30) fail(header, ["户号最多 30 个字符", "A household number has at most 30 characters"]);
        else values.household_number = number;
      } else if (column.multiple) {
        const find = finders.get(key)!;
        const parts = text
          .split(listSeparators)
          .map((part) => part.trim())
          .filter((part) => part !== "");
        const unknown = parts.filter((part) => !find(part));
        if (unknown.length > 0) fail(header, unknownChoice(column, unknown.join("、")));
        else values[key] = [...new Set(parts.map((part) => find(part)!.value))];
      } else if (column.choices) {
        const choice = finders.get(key)!(text);
        if (!choice) fail(header, key === "grid_org_unit_id" ? unknownUnit(text) : unknownChoice(column, text));
        else values[key] = choice.value;
      } else {
        values[key] = tidyText(text);
      }
    }
    // the sex written must be the one the ID number says (17th digit: odd = male)
    const id = values.id_number;
    const sex = values.sex;
    if (typeof id === "string" && typeof sex === "string" && sex !== (Number(id[16]) % 2 === 1 ? "1" : "2")) {
      const header = mapped.find((m) => m.key === "sex")!.header;
      fail(header, ["性别与身份证号不符", "The sex does not agree with the ID number"]);
    }
    // a household number and the relation to its head come together (import_residents says so too)
    const householdHeader = mapped.find((m) => m.key === "household_number")?.header;
    const relationHeader = mapped.find((m) => m.key === "relation")?.header;
    if (values.household_number !== undefined && values.relation === undefined && !problems.some((known) => known.column === relationHeader))
      fail(relationHeader ?? "与户主关系", [
        "填写户号时请填写与户主关系（户主填“户主”）",
        "With a household number, give the relation to the head (户主 for the head)",
      ]);
    if (values.relation !== undefined && values.household_number === undefined && !problems.some((known) => known.column === householdHeader))
      fail(householdHeader ?? "户号", ["填写与户主关系时请填写户号", "With a relation to the head, give the household number"]);
    return problems.length > 0 ? { ok: false, problems } : { ok: true, row: { row: rowNumber, values } };
  };
}

function unknownChoice(column: ImportColumn, text: string): [string, string] {
  return [
    `「${text}」不是可选的${column.label}，请按模板「可选值」表填写`,
    `"${text}" is not an allowed ${column.labelEn.toLowerCase()}: see the template's 可选值 sheet`,
  ];
}

function unknownUnit(text: string): [string, string] {
  return [
    `「${text}」不是您可登记居民的网格或社区，请按模板「可选值」表填写`,
    `"${text}" is not a grid or community where you may register people: see the template's 可选值 sheet`,
  ];
}
