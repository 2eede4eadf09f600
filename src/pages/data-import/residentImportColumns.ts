// The registry's columns for the import (docs/residents.md; the values import_residents takes):
// name and ID number identify a person, the codes come from resident_codes (GB/T 2261, 3304,
// 4762, 4761), the grid is one of the units the importer works in, tags are the stored kinds (the age
// ones follow from the birth date and are never imported).
import type { ImportChoice, ImportColumn } from "./importColumns";

export interface ResidentImportLists {
  codes: readonly { list: string; code: string; label_zh: string; label_en: string }[];
  tagKinds: readonly { key: string; label_zh: string; label_en: string; min_age: number | null }[];
  /** grids and communities the importer may register people in, named as the lists name them */
  units: readonly { id: string; label: string; aliases?: readonly string[] }[];
}

function codeChoices(lists: ResidentImportLists, list: string): ImportChoice[] {
  return lists.codes
    .filter((row) => row.list === list)
    .map((row) => ({
      value: row.code,
      label: row.label_zh,
      // 汉 for 汉族, 苗 for 苗族: how rosters often write 民族
      aliases: [row.label_en, ...(list === "ethnicity" && row.label_zh.endsWith("族") && row.label_zh.length > 2 ? [row.label_zh.slice(0, -1)] : [])],
    }));
}

export function residentImportColumns(lists: ResidentImportLists): ImportColumn[] {
  const grids = lists.units.map((unit) => ({ value: unit.id, label: unit.label, aliases: unit.aliases }));
  const ethnicity = codeChoices(lists, "ethnicity");
  return [
    { key: "name", label: "姓名", labelEn: "Name", required: true, example: "张德福", aliases: ["居民姓名", "户主姓名"] },
    {
      key: "id_number",
      label: "身份证号",
      labelEn: "ID number",
      required: true,
      asText: true,
      example: "433101194501010016",
      aliases: ["公民身份号码", "身份证号码", "身份证", "证件号码"],
      hint: {
        zh: "18 位（末位可为 X）或旧式 15 位；请把该列设为文本，以免 Excel 把号码变成数字",
        en: "18 characters (the last may be X) or an old 15-digit number; format the column as text so Excel keeps every digit",
      },
    },
    {
      key: "phone",
      label: "联系电话",
      labelEn: "Phone",
      required: false,
      asText: true,
      example: "13807431234",
      aliases: ["电话", "手机", "手机号", "手机号码", "联系方式"],
    },
    {
      key: "sex",
      label: "性别",
      labelEn: "Sex",
      required: false,
      example: "男",
      choices: codeChoices(lists, "sex"),
      hint: { zh: "可不填：由身份证号得出；填写时须与身份证号相符", en: "May stay empty: it follows from the ID number; if given it must agree with it" },
    },
    { key: "ethnicity", label: "民族", labelEn: "Ethnicity", required: false, example: ethnicity[0]?.label ?? "汉族", choices: ethnicity },
    {
      key: "political_status",
      label: "政治面貌",
      labelEn: "Political status",
      required: false,
      example: "群众",
      choices: codeChoices(lists, "political_status"),
    },
    { key: "marital_status", label: "婚姻状况", labelEn: "Marital status", required: false, example: "已婚", choices: codeChoices(lists, "marital_status") },
    {
      key: "address",
      label: "住址",
      labelEn: "Address",
      required: false,
      example: "吉首市吉凤街道牯牛坪社区 3 组 12 号",
      aliases: ["家庭住址", "居住地址", "现住址", "地址"],
    },
    {
      key: "grid_org_unit_id",
      label: "所属网格",
      labelEn: "Grid",
      required: true,
      example: grids[0]?.label ?? "第一网格",
      choices: grids,
      aliases: ["网格", "所在网格", "居住网格"],
      hint: { zh: "新登记的居民必填；已登记的居民留空则不改", en: "Required for a person not yet registered; empty keeps a registered person's grid" },
    },
    {
      key: "tags",
      label: "标签",
      labelEn: "Tags",
      required: false,
      multiple: true,
      example: "",
      choices: lists.tagKinds.filter((kind) => kind.min_age === null).map((kind) => ({ value: kind.key, label: kind.label_zh, aliases: [kind.label_en] })),
      aliases: ["人员类别", "特殊人群", "人员标签"],
      hint: {
        zh: "可填多个，用顿号、逗号或分号隔开；年龄标签（60岁以上等）由出生日期得出，不需填写",
        en: "Several allowed, separated by 、 , or ;. Age tags (60+ …) follow from the birth date",
      },
    },
    // 户籍 and 户 last: a roster without them keeps its columns where they were
    {
      key: "hukou_region",
      label: "户籍地区划代码",
      labelEn: "Hukou region code",
      required: false,
      asText: true,
      example: "433101",
      aliases: ["户籍地代码", "户籍区划代码"],
      hint: { zh: "6 位县级代码（如 433101）或 12 位乡镇、村（社区）代码", en: "A 6-digit county code (e.g. 433101) or a 12-digit township and village code" },
    },
    {
      key: "hukou_address",
      label: "户籍地址",
      labelEn: "Hukou address",
      required: false,
      example: "湖南省吉首市吉凤街道牯牛坪社区 3 组 12 号",
      aliases: ["户籍所在地", "户口地址", "户籍住址"],
    },
    {
      key: "household_number",
      label: "户号",
      labelEn: "Household number",
      required: false,
      asText: true,
      example: "430010260001",
      aliases: ["户编号", "户口簿号", "家庭编号"],
      hint: {
        zh: "同一户号的居民登记为一户；与“与户主关系”一起填写",
        en: "People with one household number form one household; give it with the relation to the head",
      },
    },
    {
      key: "relation",
      label: "与户主关系",
      labelEn: "Relation to the head",
      required: false,
      example: "户主",
      choices: codeChoices(lists, "household_relation"),
      aliases: ["与户主的关系", "家庭关系", "关系"],
      hint: { zh: "户主本人填“户主”；每户一位户主（GB/T 4761）", en: "The head is 户主; one head per household (GB/T 4761)" },
    },
  ];
}
