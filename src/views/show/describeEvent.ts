// One history entry → what the timeline says about it, as plain data (the component renders
// it). Field changes are named by label and shown as text; sensitive answers are masked here
// too, because a diff must not show what the record's own page would hide.
import { type Language, pickText } from "@/contract";
import type { ServiceDefinition } from "@/services/schema";
import type { RecordEventRow } from "@/data/records";
import { maskedFieldText, type CellText, type NameLookups } from "../shared/fieldText";

export interface EventChange {
  key: string;
  label: string;
  before: CellText;
  after: CellText;
}

export interface EventDescription {
  kind: RecordEventRow["kind"];
  /** the transition's label, for kind "transition" */
  action?: string;
  fromStatus?: string;
  toStatus?: string;
  comment?: string;
  checklist: { key: string; label: string; checked: boolean }[];
  changes: EventChange[];
}

export interface DescribeContext extends NameLookups {
  language: Language;
  /** label of a system column that a change may name (org_unit_id after an escalation, assignee) */
  systemLabel(column: string): string;
}

function changeOf(definition: ServiceDefinition, key: string, [before, after]: [unknown, unknown], context: DescribeContext): EventChange {
  const field = definition.fields.find((f) => f.key === key);
  if (field) {
    const text = (value: unknown) => maskedFieldText(definition.key, field, value, context.language, context);
    return { key, label: pickText(context.language, field.label, field.label_en), before: text(before), after: text(after) };
  }
  const name = (value: unknown, lookup: (id: string) => string | undefined) =>
    typeof value === "string" ? (lookup(value) ?? value) : value === null || value === undefined ? null : String(value);
  const lookup = key === "org_unit_id" ? context.orgUnitName : key === "assignee" ? context.userName : () => undefined;
  return { key, label: context.systemLabel(key), before: name(before, lookup), after: name(after, lookup) };
}

export function describeEvent(definition: ServiceDefinition, event: RecordEventRow, context: DescribeContext): EventDescription {
  const transition = event.transition_key ? definition.workflow.transitions.find((t) => t.key === event.transition_key) : undefined;
  const action = transition ? pickText(context.language, transition.label, transition.label_en) : (event.transition_key ?? undefined);
  const labelled = new Map(
    definition.workflow.transitions.flatMap((t) => t.checklist).map((item) => [item.key, pickText(context.language, item.label, item.label_en)]),
  );
  const moved = event.kind === "transition" && event.from_status !== event.to_status;
  return {
    kind: event.kind,
    ...(action ? { action } : {}),
    ...(moved && event.from_status ? { fromStatus: event.from_status } : {}),
    ...(moved && event.to_status ? { toStatus: event.to_status } : {}),
    ...(event.comment ? { comment: event.comment } : {}),
    checklist: (event.checklist ?? []).map((item) => ({ key: item.key, label: labelled.get(item.key) ?? item.label, checked: item.checked })),
    changes: Object.entries(event.diff ?? {}).map(([key, pair]) => changeOf(definition, key, pair, context)),
  };
}
