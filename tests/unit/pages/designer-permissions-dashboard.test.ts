// The designer's 权限 and 看板 arithmetic: ticking with dependencies (an action needing read
// brings read; losing read takes them), the change set between live and edited grants and its
// summary in words, the definition check shared with the database (permission_needs_read), and
// widgets kept valid as they are added, moved and re-kinded, with buckets in words.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PermissionAction } from "@/contract";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition } from "@/services/schema";
import type { DraftDefinition } from "@/pages/designer/designerDoc";
import { grantChanges, missingReads, permissionsFromGrants, summarizeChanges, toggleGrant, type Permissions } from "@/pages/designer/permissions/grantEdits";
import { bucketLabel, groupableFields, moveWidget, newWidget, sampleBuckets, withKind, type DraftWidget } from "@/pages/designer/dashboard/widgetEdits";

const live: Permissions = { staff: ["read", "create", "update", "export"], leader: ["read", "export"], volunteer: ["create"] };

describe("toggleGrant", () => {
  it("ticking an action that needs read ticks read too; create does not", () => {
    expect(toggleGrant({}, "grid_worker", "export", true)).toEqual({ grid_worker: ["read", "export"] });
    expect(toggleGrant({}, "grid_worker", "view_sensitive", true)).toEqual({ grid_worker: ["read", "view_sensitive"] });
    expect(toggleGrant({}, "volunteer", "create", true)).toEqual({ volunteer: ["create"] });
  });

  it("unticking read unticks what needs it and keeps create", () => {
    expect(toggleGrant(live, "staff", "read", false).staff).toEqual(["create"]);
    expect(toggleGrant(live, "leader", "read", false).leader).toEqual([]);
    // other roles untouched, input not mutated
    expect(toggleGrant(live, "staff", "read", false).leader).toEqual(["read", "export"]);
    expect(live.staff).toEqual(["read", "create", "update", "export"]);
  });

  it("unticking a dependent leaves read", () => {
    expect(toggleGrant(live, "leader", "export", false).leader).toEqual(["read"]);
  });
});

describe("grantChanges and summarizeChanges", () => {
  it("lists the cells that differ, cascades included, and words them per role", () => {
    let edited = toggleGrant(live, "leader", "read", false);
    edited = toggleGrant(edited, "grid_worker", "export", true);
    const changes = grantChanges(live, edited, ["staff", "grid_worker", "leader"]);
    expect(changes).toEqual([
      { role_key: "grid_worker", action: "read", granted: true },
      { role_key: "grid_worker", action: "export", granted: true },
      { role_key: "leader", action: "read", granted: false },
      { role_key: "leader", action: "export", granted: false },
    ]);
    expect(summarizeChanges(changes)).toEqual([
      { role: "grid_worker", gained: ["read", "export"], lost: [], leavesMenu: false, joinsMenu: true },
      { role: "leader", gained: [], lost: ["read", "export"], leavesMenu: true, joinsMenu: false },
    ]);
  });

  it("no edits, no changes; an edit undone by hand is no change", () => {
    expect(grantChanges(live, live)).toEqual([]);
    const back = toggleGrant(toggleGrant(live, "staff", "delete", true), "staff", "delete", false);
    expect(grantChanges(live, back)).toEqual([]);
  });

  it("the change set never leaves an action without read, as the database requires", () => {
    const edited = toggleGrant(toggleGrant(live, "staff", "read", false), "volunteer", "export", true);
    const after: Record<string, PermissionAction[]> = Object.fromEntries(Object.entries(live).map(([role, actions]) => [role, [...actions]]));
    for (const change of grantChanges(live, edited)) {
      const actions = new Set(after[change.role_key] ?? []);
      if (change.granted) actions.add(change.action);
      else actions.delete(change.action);
      after[change.role_key] = [...actions];
    }
    expect(missingReads(after)).toEqual([]);
    expect(missingReads({ leader: ["export"], volunteer: ["create"] })).toEqual([{ role: "leader", action: "export" }]);
  });

  it("grant rows become a role → actions map in the matrix's order", () => {
    expect(
      permissionsFromGrants([
        { role_key: "staff", action: "export" },
        { role_key: "staff", action: "read" },
        { role_key: "leader", action: "read" },
      ]),
    ).toEqual({ staff: ["read", "export"], leader: ["read"] });
  });
});

describe("definitions: an action needing read without read", () => {
  const definition = (permissions: Record<string, string[]>) => ({
    key: "lights",
    name: "楼道照明报修",
    category: "议事协商",
    icon: "BulbOutlined",
    description: "报修",
    purpose: "处理报修",
    fields: [{ key: "place", label: "位置", type: "text" }],
    list: { columns: ["place"] },
    workflow: { initial: "open", states: [{ key: "open", label: "待处理", color: "blue" }], transitions: [] },
    permissions,
  });

  it("is refused with permission_needs_read naming role and action; create alone and read with export pass", () => {
    const result = parseServiceDefinition(definition({ staff: ["read", "update"], leader: ["export", "update"] }), fieldTypes);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => [e.path, e.code, e.message_en])).toEqual([
      ["permissions.leader", "permission_needs_read", 'Role "leader" has export but not read: export needs read'],
      ["permissions.leader", "permission_needs_read", 'Role "leader" has update but not read: update needs read'],
    ]);
    expect(parseServiceDefinition(definition({ volunteer: ["create"], leader: ["read", "export"] }), fieldTypes).ok).toBe(true);
  });

  it("no template in resources/services breaks it", () => {
    const dir = join(import.meta.dirname, "../../../resources/services");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const json = JSON.parse(readFileSync(join(dir, file), "utf8")) as { permissions: Permissions };
      expect(missingReads(json.permissions), file).toEqual([]);
    }
  });
});

const draft = {
  key: "lights",
  name: "楼道照明报修",
  fields: [
    {
      key: "kind",
      label: "类别",
      label_en: "Kind",
      type: "select",
      options: [
        { value: "light", label: "灯", label_en: "Light" },
        { value: "door", label: "门" },
      ],
    },
    { key: "urgent", label: "紧急", type: "boolean" },
    { key: "phone", label: "电话", type: "phone", sensitive: true },
    { key: "who", label: "身份证", type: "select", sensitive: true, options: [{ value: "a", label: "A" }] },
    { key: "note", label: "说明", type: "text" },
    { key: "unit", label: "所在网格", type: "org_unit" },
  ],
  workflow: {
    initial: "open",
    states: [
      { key: "open", label: "待处理", label_en: "Open" },
      { key: "done", label: "已处理", terminal: true },
    ],
    transitions: [],
  },
} as unknown as DraftDefinition;
const words = { overall: "合计", unanswered: "未填写", yes: "是", no: "否" };

describe("widgets", () => {
  const widgets: DraftWidget[] = [
    { key: "total", title: "总数", kind: "metric", metric: "count" },
    { key: "widget_2", title: "按状态", kind: "bar", metric: "count", groupBy: "status" },
  ];

  it("a new widget gets a free key and a valid shape", () => {
    expect(newWidget(widgets, "新图表")).toEqual({ key: "widget_3", title: "新图表", kind: "bar", metric: "count", groupBy: "status" });
    expect(newWidget([{ ...widgets[0], key: "widget_2" }], "新图表").key).toBe("widget_3");
  });

  it("moves up and down, and not past either end", () => {
    expect(moveWidget(widgets, 1, -1).map((w) => w.key)).toEqual(["widget_2", "total"]);
    expect(moveWidget(widgets, 0, 1).map((w) => w.key)).toEqual(["widget_2", "total"]);
    expect(moveWidget(widgets, 0, -1).map((w) => w.key)).toEqual(["total", "widget_2"]);
    expect(moveWidget(widgets, 1, 1).map((w) => w.key)).toEqual(["total", "widget_2"]);
  });

  it("a metric drops its grouping, a chart gets one, a table keeps what it has", () => {
    expect(withKind(widgets[1], "metric")).toEqual({ key: "widget_2", title: "按状态", kind: "metric", metric: "count" });
    expect(withKind(widgets[0], "pie")).toEqual({ ...widgets[0], kind: "pie", groupBy: "status" });
    expect(withKind(widgets[0], "table")).toEqual({ ...widgets[0], kind: "table" });
    // as checkViews requires: a metric never grouped, bar / pie / line always
    for (const from of widgets) {
      expect(withKind(from, "metric").groupBy).toBeUndefined();
      for (const kind of ["bar", "pie", "line"] as const) expect(withKind(from, kind).groupBy).toBeDefined();
    }
  });

  it("groups by choice, yes/no and unit fields that are not sensitive", () => {
    expect(groupableFields(draft, "zh")).toEqual([
      { key: "kind", label: "类别" },
      { key: "urgent", label: "紧急" },
      { key: "unit", label: "所在网格" },
    ]);
    expect(groupableFields(draft, "en")[0]).toEqual({ key: "kind", label: "Kind" });
  });

  it("says buckets in words: states, options, yes/no, unanswered, overall", () => {
    expect(bucketLabel("open", "status", draft, "zh", words)).toBe("待处理");
    expect(bucketLabel("open", "status", draft, "en", words)).toBe("Open");
    expect(bucketLabel("done", "status", draft, "en", words)).toBe("已处理");
    expect(bucketLabel("light", "kind", draft, "zh", words)).toBe("灯");
    expect(bucketLabel("light", "kind", draft, "en", words)).toBe("Light");
    expect(bucketLabel("true", "urgent", draft, "zh", words)).toBe("是");
    expect(bucketLabel(null, "kind", draft, "zh", words)).toBe("未填写");
    expect(bucketLabel(null, undefined, draft, "zh", words)).toBe("合计");
    expect(bucketLabel("2026-11", "created_month", draft, "zh", words)).toBe("2026-11");
    expect(bucketLabel("牯牛坪第一网格", "org_unit", draft, "zh", words)).toBe("牯牛坪第一网格");
  });

  it("samples a draft's chart with its own states and options", () => {
    const sample = { ...words, sample: (n: number) => `示例 ${n}` };
    expect(sampleBuckets("status", draft, "zh", sample)).toEqual(["待处理", "已处理"]);
    expect(sampleBuckets("kind", draft, "zh", sample)).toEqual(["灯", "门"]);
    expect(sampleBuckets("urgent", draft, "zh", sample)).toEqual(["是", "否"]);
    expect(sampleBuckets("org_unit", draft, "zh", sample)).toEqual(["示例 1", "示例 2", "示例 3"]);
  });
});
