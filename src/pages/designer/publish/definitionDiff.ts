// A readable diff between two definitions, for 发布 ("what changes for staff when I publish")
// and for a save conflict ("what the other administrator changed"). It speaks of fields, states,
// transitions, permissions, list and dashboard by their labels, never of JSON paths.
import type { Language } from "@/contract";
import type { DraftDefinition } from "../designerDoc";

export type DiffKind = "added" | "removed" | "changed";
export interface DiffLine {
  area: "basics" | "form" | "list" | "workflow" | "permissions" | "dashboard";
  kind: DiffKind;
  /** what it is about, e.g. 字段「联系电话」 */
  subject: string;
  /** what changed, e.g. 「必填：否 → 是」; empty for added / removed */
  details: string[];
}

type Keyed = { key: string; label?: string; title?: string };
type Loose = Record<string, unknown>;

const words = {
  zh: {
    field: "字段",
    state: "状态",
    transition: "流转",
    widget: "看板组件",
    role: "角色",
    name: "名称",
    category: "分类",
    icon: "图标",
    description: "说明",
    purpose: "收集目的",
    columns: "列表列",
    sort: "默认排序",
    filterable: "可筛选",
    searchable: "可搜索",
    pageSize: "每页条数",
    initial: "初始状态",
    rules: "校验规则",
    grants: "权限",
    none: "无",
    yes: "是",
    no: "否",
  },
  en: {
    field: "Field",
    state: "State",
    transition: "Transition",
    widget: "Widget",
    role: "Role",
    name: "Name",
    category: "Category",
    icon: "Icon",
    description: "Description",
    purpose: "Purpose",
    columns: "List columns",
    sort: "Default sort",
    filterable: "Filterable",
    searchable: "Searchable",
    pageSize: "Page size",
    initial: "Initial state",
    rules: "Rules",
    grants: "Permissions",
    none: "none",
    yes: "yes",
    no: "no",
  },
} as const;

/** Names of the properties a reader recognises; others are shown by their key. */
const propertyNames: Record<Language, Readonly<Record<string, string>>> = {
  zh: {
    label: "名称",
    label_en: "英文名称",
    type: "类型",
    required: "必填",
    sensitive: "敏感",
    help: "填写说明",
    options: "选项",
    visibleWhen: "显示条件",
    requiredWhen: "必填条件",
    derive: "自动计算",
    stage: "填写环节",
    default: "默认值",
    color: "颜色",
    terminal: "终结状态",
    timeLimit: "办理时限",
    slaHours: "办理时限（小时）",
    from: "从",
    to: "到",
    roles: "可办理角色",
    when: "前提条件",
    requireComment: "需填写意见",
    requireFields: "需填写字段",
    checklist: "原件核验清单",
    escalate: "上报",
    set: "自动填写",
    kind: "图表",
    metric: "指标",
    groupBy: "分组",
  },
  en: {
    label: "label",
    label_en: "English label",
    type: "type",
    required: "required",
    sensitive: "sensitive",
    help: "help",
    options: "options",
    visibleWhen: "shown when",
    requiredWhen: "required when",
    derive: "computed",
    stage: "stage",
    default: "default",
    color: "colour",
    terminal: "terminal",
    timeLimit: "time limit",
    slaHours: "time limit (hours)",
    from: "from",
    to: "to",
    roles: "roles",
    when: "guard",
    requireComment: "comment required",
    requireFields: "fields required",
    checklist: "originals checklist",
    escalate: "escalation",
    set: "sets",
    kind: "chart",
    metric: "metric",
    groupBy: "grouping",
  },
};

function show(value: unknown, language: Language): string {
  const w = words[language];
  if (value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0)) return w.none;
  if (value === true) return w.yes;
  if (value === false) return w.no;
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) return value.join("、");
  if (Array.isArray(value) && value.every((v) => typeof v === "object" && v !== null && "label" in v)) {
    return value.map((v) => String((v as Loose).label)).join("、");
  }
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function propertyChanges(before: Loose, after: Loose, language: Language, skip: readonly string[] = ["key"]): string[] {
  const names = propertyNames[language];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !skip.includes(key));
  return keys
    .filter((key) => !same(before[key], after[key]))
    .map((key) => `${names[key] ?? key}：${show(before[key], language)} → ${show(after[key], language)}`);
}

function diffKeyed(area: DiffLine["area"], noun: string, before: readonly Keyed[], after: readonly Keyed[], language: Language): DiffLine[] {
  const name = (item: Keyed) => `${noun}「${item.label ?? item.title ?? item.key}」`;
  const old = new Map(before.map((item) => [item.key, item]));
  const now = new Map(after.map((item) => [item.key, item]));
  const lines: DiffLine[] = [];
  for (const item of after) {
    const previous = old.get(item.key);
    if (!previous) lines.push({ area, kind: "added", subject: name(item), details: [] });
    else {
      const details = propertyChanges(previous as Loose, item as Loose, language);
      if (details.length > 0) lines.push({ area, kind: "changed", subject: name(previous), details });
    }
  }
  for (const item of before) if (!now.has(item.key)) lines.push({ area, kind: "removed", subject: name(item), details: [] });
  // a reorder of the same items is a change people notice on the form
  const order = (items: readonly Keyed[]) => items.map((item) => item.key).filter((key) => old.has(key) && now.has(key));
  if (lines.length === 0 && !same(order(before), order(after))) {
    lines.push({ area, kind: "changed", subject: noun, details: [language === "en" ? "order changed" : "顺序调整"] });
  }
  return lines;
}

const actionNames: Record<Language, Readonly<Record<string, string>>> = {
  zh: { read: "查看", create: "新建", update: "修改", delete: "删除", export: "导出", view_sensitive: "查看敏感信息" },
  en: { read: "read", create: "create", update: "update", delete: "delete", export: "export", view_sensitive: "view sensitive" },
};

/**
 * What `after` changes compared with `before` (null: nothing published yet, everything is new).
 * `roleName` turns a role key into the name people know (网格员, not grid_worker).
 */
export function definitionDiff(
  before: DraftDefinition | null,
  after: DraftDefinition,
  language: Language,
  roleName: (key: string) => string = (key) => key,
): DiffLine[] {
  const w = words[language];
  const b = (before ?? {}) as Loose;
  const a = after as unknown as Loose;
  const lines: DiffLine[] = [];

  const basics: [string, string][] = [
    ["name", w.name],
    ["name_en", `${w.name} (en)`],
    ["category", w.category],
    ["icon", w.icon],
    ["description", w.description],
    ["purpose", w.purpose],
  ];
  for (const [key, label] of basics) {
    if (before && !same(b[key], a[key]))
      lines.push({ area: "basics", kind: "changed", subject: label, details: [`${show(b[key], language)} → ${show(a[key], language)}`] });
  }

  lines.push(...diffKeyed("form", w.field, (b.fields as Keyed[] | undefined) ?? [], (a.fields as Keyed[] | undefined) ?? [], language));
  if (!same(b.rules ?? [], a.rules ?? [])) {
    const count = (x: unknown) => (Array.isArray(x) ? x.length : 0);
    lines.push({ area: "form", kind: "changed", subject: w.rules, details: [`${count(b.rules)} → ${count(a.rules)}`] });
  }

  const bl = (b.list ?? {}) as Loose;
  const al = (a.list ?? {}) as Loose;
  for (const [key, label] of [
    ["columns", w.columns],
    ["defaultSort", w.sort],
    ["filterable", w.filterable],
    ["searchable", w.searchable],
    ["pageSize", w.pageSize],
  ] as const) {
    if (before && !same(bl[key], al[key])) {
      const text = (value: unknown) =>
        key === "defaultSort" && value && typeof value === "object" ? `${(value as Loose).field} ${(value as Loose).order}` : show(value, language);
      lines.push({ area: "list", kind: "changed", subject: label, details: [`${text(bl[key])} → ${text(al[key])}`] });
    }
  }

  const bw = (b.workflow ?? {}) as Loose;
  const aw = (a.workflow ?? {}) as Loose;
  if (before && !same(bw.initial, aw.initial))
    lines.push({ area: "workflow", kind: "changed", subject: w.initial, details: [`${show(bw.initial, language)} → ${show(aw.initial, language)}`] });
  lines.push(...diffKeyed("workflow", w.state, (bw.states as Keyed[] | undefined) ?? [], (aw.states as Keyed[] | undefined) ?? [], language));
  lines.push(...diffKeyed("workflow", w.transition, (bw.transitions as Keyed[] | undefined) ?? [], (aw.transitions as Keyed[] | undefined) ?? [], language));

  const bp = (b.permissions ?? {}) as Record<string, string[]>;
  const ap = (a.permissions ?? {}) as Record<string, string[]>;
  for (const role of [...new Set([...Object.keys(bp), ...Object.keys(ap)])]) {
    const gained = (ap[role] ?? []).filter((action) => !(bp[role] ?? []).includes(action));
    const lost = (bp[role] ?? []).filter((action) => !(ap[role] ?? []).includes(action));
    if (gained.length + lost.length === 0) continue;
    const named = (actions: string[]) => actions.map((action) => actionNames[language][action] ?? action).join("、");
    const details = [...(gained.length ? [`+ ${named(gained)}`] : []), ...(lost.length ? [`− ${named(lost)}`] : [])];
    lines.push({ area: "permissions", kind: "changed", subject: `${w.role}「${roleName(role)}」`, details });
  }

  const widgets = (d: Loose) => (((d.dashboard ?? {}) as Loose).widgets as Keyed[] | undefined) ?? [];
  lines.push(...diffKeyed("dashboard", w.widget, widgets(b), widgets(a), language));
  return before ? lines : lines.filter((line) => line.kind === "added");
}
