import { describe, expect, it } from "vitest";
import { evaluateCondition, isFieldRequired, visibleFieldKeys, withoutHiddenFields } from "@/services/conditions";
import type { Condition, FieldDefinition } from "@/services/schema";

const c = (op: Condition["op"], value?: Condition["value"]): Condition => ({ field: "x", op, ...(value === undefined ? {} : { value }) });

describe("evaluateCondition", () => {
  it.each([
    [c("eq", "a"), { x: "a" }, true],
    [c("eq", "a"), { x: "b" }, false],
    [c("eq", 1), { x: "1" }, false],
    [c("eq", false), { x: false }, true],
    [c("eq", null), {}, true],
    [c("eq", "a"), { x: ["b", "a"] }, true],
    [c("neq", "a"), { x: "b" }, true],
    [c("neq", "a"), {}, true],
    [c("neq", "a"), { x: ["a"] }, false],
    [c("in", ["a", "b"]), { x: "b" }, true],
    [c("in", ["a", "b"]), { x: "c" }, false],
    [c("in", ["a"]), { x: ["c", "a"] }, true],
    [c("nin", ["a", "b"]), { x: "c" }, true],
    [c("nin", ["a", "b"]), {}, true],
    [c("empty"), { x: "  " }, true],
    [c("empty"), { x: [] }, true],
    [c("empty"), { x: 0 }, false],
    [c("empty"), { x: false }, false],
    [c("not_empty"), { x: "a" }, true],
    [c("gt", 1), { x: 2 }, true],
    [c("gt", 2), { x: 2 }, false],
    [c("gte", 2), { x: 2 }, true],
    [c("lt", 2), { x: 1 }, true],
    [c("lte", "2025-01-01"), { x: "2024-12-31" }, true],
    [c("gt", 1), { x: "2" }, false],
    [c("lt", 1), {}, false],
  ] as const)("%o on %o → %s", (condition, data, expected) => {
    expect(evaluateCondition(condition, data)).toBe(expected);
  });
});

const field = (key: string, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({
  key,
  label: key,
  type: "text",
  required: false,
  sensitive: false,
  ...extra,
});

describe("visibility and requirement", () => {
  const fields = [
    field("kind"),
    field("reason", { required: true, visibleWhen: { field: "kind", op: "eq", value: "reissue" } }),
    field("proof", { visibleWhen: { field: "reason", op: "not_empty" } }),
    field("proxy"),
    field("proxy_phone", { requiredWhen: { field: "proxy", op: "not_empty" } }),
  ];

  it("hides a field whose condition fails, and fields depending on a hidden field", () => {
    expect([...visibleFieldKeys(fields, { kind: "new", reason: "stale answer" })]).toEqual(["kind", "proxy", "proxy_phone"]);
    expect([...visibleFieldKeys(fields, { kind: "reissue", reason: "被盗" })]).toEqual(["kind", "reason", "proof", "proxy", "proxy_phone"]);
  });

  it("requires only visible fields", () => {
    const data = { kind: "new" };
    const visible = visibleFieldKeys(fields, data);
    expect(isFieldRequired(fields[1], data, visible)).toBe(false);
    const shown = { kind: "reissue" };
    expect(isFieldRequired(fields[1], shown, visibleFieldKeys(fields, shown))).toBe(true);
  });

  it("applies requiredWhen", () => {
    const data = { proxy: "龙德明" };
    expect(isFieldRequired(fields[4], data, visibleFieldKeys(fields, data))).toBe(true);
    expect(isFieldRequired(fields[4], {}, visibleFieldKeys(fields, {}))).toBe(false);
  });

  it("drops answers to hidden fields before saving, keeps the rest", () => {
    expect(withoutHiddenFields(fields, { kind: "new", reason: "stale", proof: "x", proxy: "a" })).toEqual({ kind: "new", proxy: "a" });
  });

  it("hides rather than loops when a cycle is forced past the schema", () => {
    const loop = [field("a", { visibleWhen: { field: "b", op: "empty" } }), field("b", { visibleWhen: { field: "a", op: "empty" } })];
    expect(() => visibleFieldKeys(loop, {})).not.toThrow();
  });
});
