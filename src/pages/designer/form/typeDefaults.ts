import type { DraftField } from "../designerDoc";

/**
 * The options a new field of a type starts with, so it is valid at once: a choice needs
 * options (two to rename), a sub-table a column. Other types need none.
 */
export function typeDefaults(type: string): Partial<DraftField> {
  if (type === "select" || type === "multiselect") {
    return {
      options: [
        { value: "xuan_xiang_1", label: "选项1", label_en: "Option 1" },
        { value: "xuan_xiang_2", label: "选项2", label_en: "Option 2" },
      ],
    };
  }
  if (type === "sub_table") return { columns: [{ key: "ming_cheng", label: "名称", label_en: "Name", type: "text" }] };
  return {};
}
