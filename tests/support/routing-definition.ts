// A small service that uses every routing feature of the workflow language (guards, escalation
// to a level / the parent / a chosen unit, transition fields and values, staged fields), shared
// by tests/unit/services/workflow-routing.test.ts and tests/db/engine-workflow-routing.test.ts so
// browser and database are tested on the same definition.
export function routingDefinition(key = "routing_test") {
  return {
    key,
    name: "流转测试",
    category: "测试",
    icon: "BranchesOutlined",
    description: "测试受条件限制的流转、上报目标、流转字段和分阶段字段。",
    purpose: "仅用于自动化测试。",
    fields: [
      { key: "title", label: "标题", label_en: "Title", type: "text", required: true, maxLength: 40 },
      {
        key: "kind",
        label: "申请事项",
        label_en: "Request",
        type: "select",
        required: true,
        options: [
          { value: "card", label: "优待证", label_en: "Card" },
          { value: "allowance", label: "高龄津贴", label_en: "Allowance" },
        ],
      },
      { key: "age", label: "年龄", label_en: "Age", type: "number", min: 0, max: 130 },
      {
        key: "level",
        label: "处置层级",
        label_en: "Handling level",
        type: "select",
        options: [
          { value: "l2_community", label: "社区协调" },
          { value: "l3_street", label: "街道吹哨" },
          { value: "l4_county", label: "部门联办" },
        ],
        stage: ["to_street", "whistle"],
      },
      { key: "handler", label: "处置人", label_en: "Handler", type: "user", stage: ["resolve"] },
      { key: "result", label: "处置结果", label_en: "Result", type: "textarea", maxLength: 500, stage: ["resolve"] },
      { key: "closed_on", label: "办结日期", label_en: "Closed on", type: "date", stage: ["resolve"] },
      // a staged default: the dialog of its transition starts with it, intake never fills it
      { key: "checked_by", label: "核查人", label_en: "Checked by", type: "user", default: { currentUser: true }, stage: ["verify_on_site"] },
    ],
    list: { columns: ["title", "kind", "status"] },
    workflow: {
      initial: "open",
      states: [
        { key: "open", label: "待处理", color: "blue" },
        { key: "at_street", label: "街道处理中", color: "orange" },
        { key: "at_parent", label: "上级处理中", color: "orange" },
        { key: "whistled", label: "吹哨报到", color: "red" },
        { key: "paying", label: "津贴发放", color: "green" },
        { key: "done", label: "已办结", color: "success", terminal: true },
        { key: "back_at_grid", label: "待现场核查", color: "purple" },
      ],
      transitions: [
        {
          key: "start_allowance",
          label: "开始发放津贴",
          label_en: "Start the allowance",
          from: ["open"],
          to: "paying",
          roles: ["staff"],
          when: {
            all: [
              { field: "kind", op: "eq", value: "allowance" },
              { field: "age", op: "gte", value: 80 },
            ],
          },
        },
        {
          key: "to_street",
          label: "报街道",
          from: ["open"],
          to: "at_street",
          roles: ["grid_worker", "staff"],
          escalate: { to: "level", level: "street" },
          set: [{ field: "level", from: "target_level", map: { street: "l3_street", community: "l2_community" } }],
        },
        { key: "to_parent", label: "上报上级", from: ["open"], to: "at_parent", roles: ["grid_worker", "staff"], escalate: true },
        {
          key: "whistle",
          label: "吹哨",
          from: ["open", "at_street"],
          to: "whistled",
          roles: ["staff", "community_admin"],
          escalate: { to: "choose", levels: ["street", "county"], units: ["433101009002"] },
          set: [{ field: "level", from: "target_level", map: { street: "l3_street", county: "l4_county" } }],
        },
        {
          key: "resolve",
          label: "办结",
          from: ["open", "at_street", "at_parent", "whistled", "paying"],
          to: "done",
          roles: ["staff", "community_admin"],
          requireFields: ["result"],
          set: [
            { field: "handler", from: "current_user" },
            { field: "closed_on", from: "now" },
          ],
        },
        // back to where it was filed, so the grid worker on site takes the check (现场核查)
        { key: "return_to_grid", label: "退回网格核查", from: ["at_street"], to: "back_at_grid", roles: ["staff"], escalate: { to: "origin" } },
        { key: "verify_on_site", label: "现场核查办结", from: ["back_at_grid"], to: "done", roles: ["grid_worker"] },
      ],
    },
    permissions: { community_admin: ["read", "create", "update"], staff: ["read", "create", "update"], grid_worker: ["read", "create", "update"] },
  };
}
