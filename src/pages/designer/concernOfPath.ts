// Which designer page a definition path belongs to, so an error found at publish (or refused by
// the database) is shown where the admin can fix it: fields[3].options → 表单.
export const concernKeys = ["basics", "form", "list", "workflow", "permissions", "dashboard", "publish"] as const;
export type ConcernKey = (typeof concernKeys)[number];

export function isConcernKey(value: string | undefined): value is ConcernKey {
  return (concernKeys as readonly string[]).includes(value ?? "");
}

export function concernOfPath(path: string): ConcernKey {
  const head = path.split(/[.[]/, 1)[0];
  switch (head) {
    case "fields":
    case "rules":
      return "form";
    case "list":
      return "list";
    case "workflow":
      return "workflow";
    case "permissions":
      return "permissions";
    case "dashboard":
      return "dashboard";
    default:
      return "basics";
  }
}
