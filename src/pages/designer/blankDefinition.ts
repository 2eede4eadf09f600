// Where a service made from nothing starts: one field, a two-state workflow (受理 → 办结) and the
// usual grants, so the designer opens on something that already works and the admin changes it.
// Description and purpose are left empty on purpose: only the admin can say them, and 发布 asks.
import type { Language } from "@/contract";
import type { DraftDefinition } from "./designerDoc";

export function blankDefinition(key: string, name: string, language: Language = "zh"): DraftDefinition {
  const en = language === "en";
  return {
    key,
    name,
    category: en ? "Other" : "其他",
    category_en: "Other",
    icon: "FileTextOutlined",
    description: "",
    purpose: "",
    fields: [{ key: "shi_xiang", label: en ? "Matter" : "事项", label_en: "Matter", type: "text", required: true }],
    list: { columns: ["shi_xiang", "status", "org_unit_id", "created_at"], defaultSort: { field: "created_at", order: "desc" }, pageSize: 20 },
    workflow: {
      initial: "dai_shou_li",
      states: [
        { key: "dai_shou_li", label: "待受理", label_en: "To accept", color: "blue", timeLimit: { workdays: 5 } },
        { key: "yi_ban_jie", label: "已办结", label_en: "Completed", color: "success", terminal: true },
      ],
      transitions: [
        {
          key: "ban_jie",
          label: "办结",
          label_en: "Complete",
          from: ["dai_shou_li"],
          to: "yi_ban_jie",
          roles: ["staff", "community_admin"],
          requireComment: true,
        },
      ],
    },
    permissions: {
      community_admin: ["read", "create", "update", "export"],
      staff: ["read", "create", "update", "export"],
      leader: ["read"],
    },
    dashboard: { widgets: [] },
  };
}
