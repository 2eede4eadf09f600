// The form concern's edits (src/pages/designer/form): add, move, remove, restore, rename and
// retype, as pure functions of the designer document.
import { describe, expect, it } from "vitest";
import type { DesignerDoc } from "@/pages/designer/designerDoc";
import { changeFieldType } from "@/pages/designer/form/changeFieldType";
import { addField, moveField, removeField, restoreField, setFieldLabel } from "@/pages/designer/form/fieldOps";
import { minimalDefinition } from "./support/minimal-definition";

const doc = (): DesignerDoc => ({ definition: minimalDefinition() as unknown as DesignerDoc["definition"], removedFields: [] });
const keys = (d: DesignerDoc) => d.definition.fields.map((field) => field.key);
const none = new Map<string, string>();

describe("designer form: field edits", () => {
  it("adds a field at the end, or after the selected one, with a key from its label", () => {
    const atEnd = addField(doc(), "phone", none);
    expect(atEnd.index).toBe(4);
    expect(atEnd.doc.definition.fields[4]).toMatchObject({ key: "dian_hua", label: "电话", type: "phone" });
    const afterFirst = addField(atEnd.doc, "phone", none, 0);
    expect(afterFirst.index).toBe(1);
    expect(afterFirst.doc.definition.fields[1]).toMatchObject({ key: "dian_hua_2", label: "电话2" });
  });

  it("never gives a new field a removed or published key", () => {
    const published = new Map([["dian_hua", "phone"]]);
    expect(addField(doc(), "phone", published).doc.definition.fields[4].key).toBe("dian_hua_2");
    const removed = removeField(addField(doc(), "phone", none).doc, 4);
    expect(addField(removed, "phone", none).doc.definition.fields[4].key).toBe("dian_hua_2");
  });

  it("moves a field up and down, ignoring moves off either end", () => {
    expect(keys(moveField(doc(), 0, 2))).toEqual(["kind", "id_number", "name", "result"]);
    expect(keys(moveField(doc(), 3, 2))).toEqual(["name", "kind", "result", "id_number"]);
    expect(moveField(doc(), 0, -1)).toEqual(doc());
  });

  it("removes a field to the removed list and restores it at the end", () => {
    const removed = removeField(doc(), 1);
    expect(keys(removed)).toEqual(["name", "id_number", "result"]);
    expect(removed.removedFields.map((field) => field.key)).toEqual(["kind"]);
    const restored = restoreField(removed, 0);
    expect(keys(restored)).toEqual(["name", "id_number", "result", "kind"]);
    expect(restored.removedFields).toEqual([]);
  });

  it("the key follows the label until the field is published or named elsewhere", () => {
    const renamed = setFieldLabel(doc(), 1, "申请类型", none);
    expect(renamed.definition.fields[1]).toMatchObject({ key: "shen_qing_lei_xing", label: "申请类型" });
    // published: the label changes, the key never
    const frozen = setFieldLabel(doc(), 1, "申请类型", new Map([["kind", "select"]]));
    expect(frozen.definition.fields[1]).toMatchObject({ key: "kind", label: "申请类型" });
    // named by the workflow (approve requires `result`) and the list (`name`): renaming the key would break them
    expect(setFieldLabel(doc(), 3, "处理结果", none).definition.fields[3]).toMatchObject({ key: "result", label: "处理结果" });
    expect(setFieldLabel(doc(), 0, "申请人", none).definition.fields[0].key).toBe("name");
  });

  it("a never-published field changes type in place; a published one becomes a new field", () => {
    const inPlace = changeFieldType(doc(), 0, "select", none);
    expect(inPlace.definition.fields[0]).toMatchObject({ key: "name", type: "select", required: true });
    expect(inPlace.definition.fields[0].options).toHaveLength(2);
    const published = new Map([["name", "text"]]);
    const asNew = changeFieldType(doc(), 0, "textarea", published);
    expect(asNew.definition.fields[0]).toMatchObject({ key: "xing_ming", label: "姓名", type: "textarea", required: true });
    expect(asNew.removedFields).toEqual([doc().definition.fields[0]]);
    // the type's options go with the old type
    const fromSelect = changeFieldType(doc(), 1, "text", none).definition.fields[1];
    expect(fromSelect).not.toHaveProperty("options");
  });
});
