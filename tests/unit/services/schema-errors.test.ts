import { describe, expect, it } from "vitest";
import { parseServiceDefinition, type DefinitionError } from "@/services/schema";
import { minimalDefinition } from "../support/minimal-definition";
import { fieldTypes } from "@/field-types";

type Definition = ReturnType<typeof minimalDefinition>;

function errorsOf(json: unknown): DefinitionError[] {
  const result = parseServiceDefinition(json, fieldTypes);
  if (result.ok) throw new Error("expected the definition to be rejected");
  return result.errors;
}

/** Break one thing in a valid definition and name the single error it must cause. */
function broken(change: (d: Definition) => void): Definition {
  const definition = minimalDefinition();
  change(definition);
  return definition;
}

const hasChinese = (text: string) => /[\u4e00-\u9fff]/.test(text);

describe("parseServiceDefinition", () => {
  it("accepts the minimal definition and applies defaults", () => {
    const result = parseServiceDefinition(minimalDefinition(), fieldTypes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.definition.fields[0]).toMatchObject({ required: true, sensitive: false });
    expect(result.definition.list).toMatchObject({ pageSize: 20, defaultSort: { field: "created_at", order: "desc" } });
    expect(result.definition.workflow.transitions[0]).toMatchObject({ requireComment: false, escalate: false, checklist: [] });
  });

  const cases: { name: string; json: unknown; path: string; code: string; zh?: string; en?: string }[] = [
    {
      name: "select without options",
      json: broken((d) => (d.fields[1].options = [])),
      path: "fields[1].options",
      code: "select_options_min",
      zh: "下拉字段至少需要一个选项",
      en: "A select field needs at least one option",
    },
    {
      name: "select with options missing entirely",
      json: broken((d) => delete d.fields[1].options),
      path: "fields[1].options",
      code: "select_options_min",
    },
    {
      name: "duplicate option value",
      json: broken((d) => ((d.fields[1].options as { value: string }[])[1].value = "a")),
      path: "fields[1].options[1].value",
      code: "duplicate_option",
    },
    {
      name: "unknown field type",
      json: broken((d) => (d.fields[0].type = "colour")),
      path: "fields[0].type",
      code: "unknown_field_type",
      en: 'Unknown field type "colour"',
    },
    { name: "misspelt option is an unknown property", json: broken((d) => (d.fields[0].maxLenght = 5)), path: "fields[0].maxLenght", code: "unknown_property" },
    { name: "option of another type", json: broken((d) => (d.fields[0].options = [])), path: "fields[0].options", code: "unknown_property" },
    {
      name: "option with the wrong type",
      json: broken((d) => (d.fields[0].maxLength = "10")),
      path: "fields[0].maxLength",
      code: "wrong_type",
      zh: "类型错误，应为数字",
    },
    {
      name: "min greater than max",
      json: broken((d) => Object.assign(d.fields[0], { minLength: 9, maxLength: 3 })),
      path: "fields[0].maxLength",
      code: "range_order",
    },
    { name: "invalid regular expression", json: broken((d) => (d.fields[0].pattern = "^(unclosed")), path: "fields[0].pattern", code: "pattern_invalid" },
    { name: "field key not snake_case", json: broken((d) => (d.fields[0].key = "applicantName")), path: "fields[0].key", code: "key_format" },
    { name: "duplicate field key", json: broken((d) => (d.fields[1].key = "name")), path: "fields[1].key", code: "duplicate_key" },
    { name: "field key taken by a system column", json: broken((d) => (d.fields[1].key = "status")), path: "fields[1].key", code: "reserved_key" },
    { name: "sensitive field without purpose", json: broken((d) => delete d.fields[2].purpose), path: "fields[2].purpose", code: "sensitive_purpose_required" },
    {
      name: "prefillFrom names no registry attribute",
      json: broken((d) => (d.fields[0].prefillFrom = "nickname")),
      path: "fields[0].prefillFrom",
      code: "invalid_value",
    },
    {
      name: "prefillFrom in a field type that cannot hold the attribute",
      json: broken((d) => (d.fields[0].prefillFrom = "id_number")),
      path: "fields[0].prefillFrom",
      code: "prefill_type",
      zh: "居民档案的“id_number”不能填入“text”类型的字段（可用：id_number）",
      en: "The registry's id_number cannot fill a text field (use: id_number)",
    },
    { name: "empty label", json: broken((d) => (d.fields[0].label = "  ")), path: "fields[0].label", code: "empty" },
    { name: "missing top-level purpose", json: broken((d) => delete d.purpose), path: "purpose", code: "required", zh: "缺少必填项", en: "Required" },
    {
      name: "visibleWhen names a missing field",
      json: broken((d) => (d.fields[3].visibleWhen = { field: "nope", op: "eq", value: "a" })),
      path: "fields[3].visibleWhen.field",
      code: "unknown_field_ref",
    },
    {
      name: "visibleWhen on itself",
      json: broken((d) => (d.fields[3].visibleWhen = { field: "result", op: "empty" })),
      path: "fields[3].visibleWhen.field",
      code: "self_reference",
    },
    {
      name: "visibleWhen cycle",
      json: broken((d) => {
        d.fields[0].visibleWhen = { field: "kind", op: "eq", value: "a" };
        d.fields[1].visibleWhen = { field: "name", op: "not_empty" };
      }),
      path: "fields[0].visibleWhen",
      code: "condition_cycle",
      en: "Visibility conditions form a cycle: name → kind → name",
    },
    {
      name: "in without an array",
      json: broken((d) => (d.fields[3].requiredWhen = { field: "kind", op: "in", value: "a" })),
      path: "fields[3].requiredWhen.value",
      code: "condition_value_array",
    },
    {
      name: "eq without a value",
      json: broken((d) => (d.fields[3].requiredWhen = { field: "kind", op: "eq" })),
      path: "fields[3].requiredWhen.value",
      code: "condition_value_required",
    },
    {
      name: "condition operator not supported",
      json: broken((d) => (d.fields[3].requiredWhen = { field: "kind", op: "like", value: "a" })),
      path: "fields[3].requiredWhen.op",
      code: "invalid_value",
    },
    { name: "list column that does not exist", json: broken((d) => (d.list.columns = ["name", "age"])), path: "list.columns[1]", code: "unknown_column" },
    { name: "search on a select field", json: broken((d) => (d.list.searchable = ["kind"])), path: "list.searchable[0]", code: "not_searchable" },
    { name: "initial state missing", json: broken((d) => (d.workflow.initial = "draft")), path: "workflow.initial", code: "unknown_state" },
    {
      name: "transition to a missing state",
      json: broken((d) => (d.workflow.transitions[0].to = "archived")),
      path: "workflow.transitions[0].to",
      code: "unknown_state",
    },
    {
      name: "terminal state with an outgoing transition",
      json: broken((d) => (d.workflow.transitions[0].from = ["done"])),
      path: "workflow.transitions[0].from[0]",
      code: "terminal_outgoing",
    },
    {
      name: "requireFields names a missing field",
      json: broken((d) => (d.workflow.transitions[1].requireFields = ["outcome"])),
      path: "workflow.transitions[1].requireFields[0]",
      code: "unknown_field_ref",
    },
    { name: "state colour not allowed", json: broken((d) => (d.workflow.states[0].color = "pink")), path: "workflow.states[0].color", code: "color_format" },
    {
      name: "role key with capitals",
      json: broken((d) => (d.workflow.transitions[0].roles = ["Staff"])),
      path: "workflow.transitions[0].roles[0]",
      code: "role_key_format",
    },
    {
      name: "permission role key with a space",
      json: broken((d) => (d.permissions = { "grid worker": ["read"] })),
      path: 'permissions["grid worker"]',
      code: "role_key_format",
    },
    { name: "unknown permission action", json: broken((d) => (d.permissions = { staff: ["approve"] })), path: "permissions.staff[0]", code: "invalid_value" },
    {
      name: "chart without groupBy",
      json: broken((d) => (d.dashboard.widgets = [{ key: "w", title: "图", kind: "bar", metric: "count" }])),
      path: "dashboard.widgets[0].groupBy",
      code: "group_by_required",
    },
    {
      name: "groupBy unknown",
      json: broken((d) => (d.dashboard.widgets = [{ key: "w", title: "图", kind: "pie", metric: "count", groupBy: "colour" }])),
      path: "dashboard.widgets[0].groupBy",
      code: "unknown_group_by",
    },
    {
      name: "sub_table column of a type that cannot be a column",
      json: broken((d) => d.fields.push({ key: "members", label: "成员", type: "sub_table", columns: [{ key: "photo", label: "照片", type: "image" }] })),
      path: "fields[4].columns[0].type",
      code: "sub_table_column_type",
    },
    {
      name: "sub_table column options checked by the column type",
      json: broken((d) =>
        d.fields.push({ key: "members", label: "成员", type: "sub_table", columns: [{ key: "relation", label: "关系", type: "select", options: [] }] }),
      ),
      path: "fields[4].columns[0].options",
      code: "select_options_min",
    },
  ];

  it.each(cases)("$name → $path ($code)", ({ json, path, code, zh, en }) => {
    const errors = errorsOf(json);
    expect(errors).toHaveLength(1);
    const [error] = errors;
    expect(error).toMatchObject({ path, code });
    expect(hasChinese(error.message_zh)).toBe(true);
    expect(hasChinese(error.message_en)).toBe(false);
    expect(error.message_en.length).toBeGreaterThan(3);
    expect(error.message_zh + error.message_en).not.toMatch(/\{\w+\}/);
    if (zh) expect(error.message_zh).toBe(zh);
    if (en) expect(error.message_en).toBe(en);
  });

  it("reports several problems at once, each with its own path", () => {
    const errors = errorsOf(
      broken((d) => {
        d.fields[0].type = "colour";
        d.fields[1].options = [];
        d.key = "Bad Key";
      }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(["fields[0].type", "fields[1].options", "key"]);
  });

  it("rejects things that are not definitions at all", () => {
    expect(errorsOf(null)[0]).toMatchObject({ path: "", code: "wrong_type" });
    expect(errorsOf("{}")[0]).toMatchObject({ path: "", code: "wrong_type" });
    expect(errorsOf({}).map((e) => e.path)).toEqual(expect.arrayContaining(["key", "name", "fields", "list", "workflow", "permissions"]));
  });
});
