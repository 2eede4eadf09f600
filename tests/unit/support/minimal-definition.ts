/**
 * A small, valid service definition as plain JSON. Tests clone it and break one thing, so each
 * schema test shows exactly which mistake produces which error.
 */
export function minimalDefinition(): Record<string, unknown> & {
  fields: Record<string, unknown>[];
  workflow: { states: Record<string, unknown>[]; initial: string; transitions: Record<string, unknown>[] };
  list: Record<string, unknown>;
  permissions: Record<string, unknown>;
  dashboard: { widgets: Record<string, unknown>[] };
} {
  return {
    key: "test_service",
    name: "测试服务",
    category: "测试",
    icon: "ExperimentOutlined",
    description: "用于单元测试的服务。",
    purpose: "仅用于测试。",
    fields: [
      { key: "name", label: "姓名", type: "text", required: true },
      {
        key: "kind",
        label: "类型",
        type: "select",
        options: [
          { value: "a", label: "甲" },
          { value: "b", label: "乙" },
        ],
      },
      { key: "id_number", label: "身份证号", type: "id_number", sensitive: true, purpose: "核实身份" },
      { key: "result", label: "结果", type: "textarea" },
    ],
    list: { columns: ["name", "status"] },
    workflow: {
      states: [
        { key: "open", label: "待办", color: "blue", slaHours: 24 },
        { key: "review", label: "审核中", color: "#1677ff" },
        { key: "done", label: "已办结", color: "success", terminal: true },
      ],
      initial: "open",
      transitions: [
        { key: "submit", label: "提交", from: ["open"], to: "review", roles: ["staff"] },
        {
          key: "approve",
          label: "通过",
          from: ["review"],
          to: "done",
          roles: ["community_admin"],
          requireComment: true,
          requireFields: ["result"],
          checklist: [{ key: "id_card", label: "身份证原件" }],
        },
      ],
    },
    permissions: { staff: ["read", "create"], community_admin: ["read", "view_sensitive"] },
    dashboard: { widgets: [{ key: "total", title: "总数", kind: "metric", metric: "count" }] },
  };
}
