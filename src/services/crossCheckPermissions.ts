import { actionsNeedingRead, type PermissionAction } from "@/contract";
import type { ServiceDefinition } from "./definitionSchema";
import { definitionError, type DefinitionError } from "./definitionErrors";

/** The Chinese names the 权限 pages use (i18n permissions.actions), for the message's zh text. */
const actionNamesZh: Readonly<Record<PermissionAction, string>> = {
  read: "查看",
  create: "新建",
  update: "编辑",
  delete: "删除",
  export: "导出",
  view_sensitive: "查看敏感信息",
};

/**
 * A role that may edit, delete, export or unmask records must be able to read them
 * (actionsNeedingRead); private.check_service_definition refuses the same with the same code.
 */
export function checkPermissions({ permissions }: ServiceDefinition): DefinitionError[] {
  return Object.entries(permissions).flatMap(([role, actions]) =>
    actions.includes("read")
      ? []
      : actions
          .filter((action) => actionsNeedingRead.includes(action))
          .map((action) => definitionError("permission_needs_read", ["permissions", role], { role, action, action_zh: actionNamesZh[action] })),
  );
}
