import { describe, expect, it } from "vitest";
import { definitionDiff } from "@/pages/designer/publish/definitionDiff";
import type { DraftDefinition } from "@/pages/designer/designerDoc";

const base: DraftDefinition = {
  key: "charging",
  name: "充电桩报装",
  category: "便民服务",
  icon: "ToolOutlined",
  description: "申请安装充电桩",
  purpose: "安排安装",
  fields: [
    { key: "applicant", label: "申请人", type: "text", required: true },
    { key: "phone", label: "联系电话", type: "phone", sensitive: true, purpose: "联系" },
  ],
  list: { columns: ["applicant", "status"] },
  workflow: {
    initial: "open",
    states: [
      { key: "open", label: "待受理", color: "blue" },
      { key: "done", label: "已办结", color: "success", terminal: true },
    ],
    transitions: [{ key: "finish", label: "办结", from: ["open"], to: "done", roles: ["staff"] }],
  },
  permissions: { staff: ["read", "create"], leader: ["read"] },
};

describe("definitionDiff", () => {
  it("is empty for the same definition", () => {
    expect(definitionDiff(base, structuredClone(base), "zh")).toEqual([]);
  });

  it("names added, removed and changed fields by their labels", () => {
    const after = structuredClone(base);
    after.fields = [
      { ...after.fields[0], label: "申请人姓名", required: false },
      { key: "address", label: "安装地址", type: "text" },
    ];
    const lines = definitionDiff(base, after, "zh");
    expect(lines).toContainEqual({ area: "form", kind: "changed", subject: "字段「申请人」", details: ["名称：申请人 → 申请人姓名", "必填：是 → 否"] });
    expect(lines).toContainEqual({ area: "form", kind: "added", subject: "字段「安装地址」", details: [] });
    expect(lines).toContainEqual({ area: "form", kind: "removed", subject: "字段「联系电话」", details: [] });
  });

  it("reports a reorder of the same fields", () => {
    const after = structuredClone(base);
    after.fields = [after.fields[1], after.fields[0]];
    expect(definitionDiff(base, after, "en")).toEqual([{ area: "form", kind: "changed", subject: "Field", details: ["order changed"] }]);
  });

  it("speaks of states, transitions and permissions in words", () => {
    const after = structuredClone(base);
    after.workflow.states.push({ key: "checked", label: "已核实", color: "gold" });
    after.workflow.transitions![0] = { ...after.workflow.transitions![0], roles: ["staff", "grid_worker"] };
    after.permissions = { staff: ["read", "create", "export"] };
    const names: Record<string, string> = { staff: "工作人员", leader: "领导" };
    const lines = definitionDiff(base, after, "zh", (key) => names[key] ?? key);
    expect(lines).toContainEqual({ area: "workflow", kind: "added", subject: "状态「已核实」", details: [] });
    expect(lines).toContainEqual({ area: "workflow", kind: "changed", subject: "流转「办结」", details: ["可办理角色：staff → staff、grid_worker"] });
    expect(lines).toContainEqual({ area: "permissions", kind: "changed", subject: "角色「工作人员」", details: ["+ 导出"] });
    expect(lines).toContainEqual({ area: "permissions", kind: "changed", subject: "角色「领导」", details: ["− 查看"] });
  });

  it("lists everything as added before the first publish", () => {
    const lines = definitionDiff(null, base, "zh");
    expect(lines.every((line) => line.kind === "added")).toBe(true);
    expect(lines.map((line) => line.subject)).toEqual(["字段「申请人」", "字段「联系电话」", "状态「待受理」", "状态「已办结」", "流转「办结」"]);
  });
});
