// What the designer edits and what every concern page (基本信息, 表单, 列表, 流程, 权限, 看板, 发布)
// receives. The shell (ServiceDesignerPage) owns the document: it saves it as the service's draft,
// keeps undo/redo history, and validates it; a concern page only proposes changes.
import type { DefinitionError, ServiceDefinitionInput } from "@/services/schema";

/** The definition being edited: JSON as written (defaults not applied), possibly still invalid. */
export type DraftDefinition = ServiceDefinitionInput;
export type DraftField = DraftDefinition["fields"][number];

export interface DesignerDoc {
  definition: DraftDefinition;
  /** Fields removed from this draft, restorable until the draft is published. */
  removedFields: DraftField[];
}

export interface ConcernProps {
  doc: DesignerDoc;
  /**
   * Applies a change. `recipe` returns a new document (never mutate the one given). `label` names
   * the change for the undo button's tooltip (e.g. "删除字段 联系电话").
   */
  change(recipe: (doc: DesignerDoc) => DesignerDoc, label?: string): void;
  /**
   * Fields of every published version, key → type. Their keys are frozen (records hold answers
   * under them) and their type is fixed: "changing the type" adds a new field instead.
   */
  publishedFields: ReadonlyMap<string, string>;
  /** Problems of the current draft, located by path (`fields[3].options`, `workflow.transitions[1].to`). */
  errors: readonly DefinitionError[];
  /** The service's row (null while creating). */
  service: { id: string; key: string; owner_org_unit_id: string; current_version: number | null } | null;
}
