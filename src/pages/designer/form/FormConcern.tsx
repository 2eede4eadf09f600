// 表单: the form concern of the service designer. Palette, field list and the selected field's
// settings, with the real record form as a live preview. Every change goes through
// props.change as a pure edit (fieldOps.ts), so the shell can undo it and save it whole.
import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";
import { Badge, Card, Col, Empty, Row, Tabs } from "antd";
import { useMemo, useState } from "react";
import { ApplicantRulesEditor, linksPerson } from "../applicant/ApplicantRulesEditor";
import type { ConcernProps, DesignerDoc, DraftDefinition, DraftField } from "../designerDoc";
import { changeFieldType } from "./changeFieldType";
import { fieldProblems } from "./fieldErrors";
import { FieldConfigPanel } from "./FieldConfigPanel";
import { FieldList, fieldListDropId, fieldRowIds } from "./FieldList";
import { addField, isOptionValueReferenced, isReferenced, moveField, removeField, restoreField, setFieldLabel, updateField } from "./fieldOps";
import { FieldPalette, paletteDragPrefix } from "./FieldPalette";
import { FormPreviewCard } from "./FormPreviewCard";
import { RemovedFields } from "./RemovedFields";
import { RulesEditor } from "./RulesEditor";
import { useFormDesignerTexts } from "./useFormDesignerTexts";
import { useDragAccessibility } from "./useDragAccessibility";
import { useWideScreen } from "./useWideScreen";

type Pane = "palette" | "fields" | "settings" | "rules" | "applicant" | "preview";
type RightTab = "field" | "rules" | "applicant";

function selectedIndex(fields: readonly DraftField[], selection: { key: string; index: number } | null): number {
  if (!selection) return -1;
  if (fields[selection.index]?.key === selection.key) return selection.index;
  const byKey = fields.findIndex((field) => field.key === selection.key);
  return byKey >= 0 ? byKey : selection.index < fields.length ? selection.index : -1;
}

export default function FormConcern({ doc, change, publishedFields, errors }: ConcernProps) {
  const { t, label } = useFormDesignerTexts();
  const wide = useWideScreen(900);
  // by key (moves and additions shift indexes), with the index as a fallback for the moment a
  // rename has changed the key here and the shell has not yet handed the renamed field back
  const [selection, setSelection] = useState<{ key: string; index: number } | null>(
    doc.definition.fields[0] ? { key: doc.definition.fields[0].key, index: 0 } : null,
  );
  const [pane, setPane] = useState<Pane>("fields");
  const [rightTab, setRightTab] = useState<RightTab>("field");
  const fields = doc.definition.fields;
  const selected = selectedIndex(fields, selection);
  const problems = useMemo(() => fields.map((field, index) => fieldProblems(errors, field, index)), [fields, errors]);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const name = (field: DraftField | undefined) => (field ? label(field) || field.key : "");

  const select = (index: number) => {
    const key = fields[index]?.key;
    setSelection(key === undefined ? null : { key, index });
    setRightTab("field");
    if (!wide && key !== undefined) setPane("settings");
  };
  /** Runs an edit on the current document for the selection, and hands the same edit to the shell. */
  const apply = (edit: (current: DesignerDoc) => DesignerDoc, undoLabel: string, selectAfter?: (next: DesignerDoc) => number) => {
    if (selectAfter) {
      const next = edit(doc);
      const index = selectAfter(next);
      const key = next.definition.fields[index]?.key;
      setSelection(key === undefined ? null : { key, index });
    }
    change(edit, undoLabel);
  };

  const add = (type: string, after = selected >= 0 ? selected : undefined) => {
    const { doc: next, index } = addField(doc, type, publishedFields, after);
    apply(
      (current) => addField(current, type, publishedFields, after).doc,
      t("formDesigner.undo.add", { label: next.definition.fields[index].label }),
      () => index,
    );
    setRightTab("field");
    // on a phone the palette is a tab of its own: show the new field's settings
    if (!wide) setPane("settings");
  };
  const move = (from: number, to: number) => apply((current) => moveField(current, from, to), t("formDesigner.undo.move", { label: name(fields[from]) }));
  const remove = (index: number) =>
    apply(
      (current) => removeField(current, index),
      t("formDesigner.undo.remove", { label: name(fields[index]) }),
      (next) => Math.min(index, next.definition.fields.length - 1),
    );
  const restore = (index: number) =>
    apply(
      (current) => restoreField(current, index),
      t("formDesigner.undo.restore", { label: name(doc.removedFields[index]) }),
      (next) => next.definition.fields.length - 1,
    );
  const edit = (index: number, field: DraftField) =>
    apply(
      (current) => updateField(current, index, () => field),
      t("formDesigner.undo.edit", { label: name(field) }),
      () => index,
    );
  const rename = (index: number, text: string) =>
    apply(
      (current) => setFieldLabel(current, index, text, publishedFields),
      t("formDesigner.undo.rename"),
      () => index,
    );
  const retype = (index: number, type: string) =>
    apply(
      (current) => changeFieldType(current, index, type, publishedFields),
      t("formDesigner.undo.retype", { label: name(fields[index]) }),
      () => index,
    );
  const setRules = (rules: NonNullable<DraftDefinition["rules"]>) =>
    change((current) => ({ ...current, definition: { ...current.definition, rules } }), t("formDesigner.undo.rules"));
  // 申请人规则: eligibility[] and duplicates, offered once the form links a person (or already written)
  const hasApplicantRules = linksPerson(doc.definition) || doc.definition.eligibility !== undefined || doc.definition.duplicates !== undefined;
  const setEligibility = (eligibility: NonNullable<DraftDefinition["eligibility"]>) =>
    change((current) => ({ ...current, definition: { ...current.definition, eligibility } }), t("applicantRules.eligibility.undo"));
  const setDuplicates = (duplicates: DraftDefinition["duplicates"]) =>
    change((current) => {
      const { duplicates: _old, ...rest } = current.definition;
      return { ...current, definition: duplicates ? { ...rest, duplicates } : rest };
    }, t("applicantRules.duplicates.undo"));
  const applicantCount = (doc.definition.eligibility?.length ?? 0) + (doc.definition.duplicates ? 1 : 0);
  const applicant = <ApplicantRulesEditor definition={doc.definition} errors={errors} onEligibility={setEligibility} onDuplicates={setDuplicates} />;

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const ids = fieldRowIds(fields);
    const activeId = String(active.id);
    const overIndex = over ? ids.indexOf(String(over.id)) : -1;
    if (activeId.startsWith(paletteDragPrefix)) {
      // dropped on a field: it goes in that field's place; on the list or beside it: at the end
      if (over && (overIndex >= 0 || over.id === fieldListDropId))
        add(activeId.slice(paletteDragPrefix.length), overIndex >= 0 ? overIndex - 1 : fields.length - 1);
      return;
    }
    const from = ids.indexOf(activeId);
    if (from >= 0 && overIndex >= 0 && from !== overIndex) move(from, overIndex);
  };

  const accessibility = useDragAccessibility(fields);

  const field = selected >= 0 ? fields[selected] : undefined;
  const palette = <FieldPalette onAdd={(type) => add(type)} />;
  const list = (
    <>
      <FieldList
        fields={fields}
        selected={selected}
        isPublished={(key) => publishedFields.has(key)}
        isReferenced={(index) => isReferenced(doc, fields[index].key, index)}
        problemCount={(index) => problems[index]?.length ?? 0}
        onSelect={select}
        onMove={move}
        onRemove={remove}
      />
      <RemovedFields fields={doc.removedFields} onRestore={restore} />
    </>
  );
  const settings = field ? (
    <FieldConfigPanel
      key={selected}
      field={field}
      index={selected}
      definition={doc.definition}
      published={publishedFields.has(field.key)}
      problems={problems[selected] ?? []}
      onChange={(next) => edit(selected, next)}
      onRename={(text) => rename(selected, text)}
      onRetype={(type) => retype(selected, type)}
      frozenValue={(value) => publishedFields.has(field.key) || isOptionValueReferenced(doc, selected, value)}
    />
  ) : (
    <Empty description={t("formDesigner.panel.none")} />
  );
  const ruleCount = doc.definition.rules?.length ?? 0;
  const rules = <RulesEditor definition={doc.definition} onChange={setRules} errors={errors} />;
  const preview = <FormPreviewCard definition={doc.definition} />;

  if (!wide) {
    return (
      <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={accessibility}>
        <Tabs
          activeKey={pane === "applicant" && !hasApplicantRules ? "fields" : pane}
          onChange={(key) => setPane(key as Pane)}
          items={[
            { key: "palette", label: t("formDesigner.tabs.palette"), children: palette },
            { key: "fields", label: t("formDesigner.tabs.fields"), children: list },
            { key: "settings", label: t("formDesigner.tabs.settings"), children: settings },
            { key: "rules", label: t("formDesigner.tabs.rules"), children: rules },
            ...(hasApplicantRules ? [{ key: "applicant", label: t("applicantRules.tab"), children: applicant }] : []),
            { key: "preview", label: t("formDesigner.tabs.preview"), children: preview },
          ]}
        />
      </DndContext>
    );
  }
  return (
    <DndContext sensors={sensors} onDragEnd={onDragEnd} accessibility={accessibility}>
      <Row gutter={[16, 16]} align="top">
        <Col flex="0 0 200px">
          <Card size="small" title={t("formDesigner.palette.title")}>
            {palette}
          </Card>
        </Col>
        <Col flex="0 0 320px">
          <Card size="small" title={t("formDesigner.list.title")}>
            {list}
          </Card>
        </Col>
        <Col flex="1 1 420px">
          <Card size="small">
            <Tabs
              activeKey={rightTab === "applicant" && !hasApplicantRules ? "field" : rightTab}
              onChange={(key) => setRightTab(key as RightTab)}
              items={[
                { key: "field", label: t("formDesigner.panel.title"), children: settings },
                {
                  key: "rules",
                  label: (
                    <Badge count={ruleCount} size="small" color="blue" offset={[8, -2]}>
                      {t("formDesigner.rules.title")}
                    </Badge>
                  ),
                  children: rules,
                },
                ...(hasApplicantRules
                  ? [
                      {
                        key: "applicant",
                        label: (
                          <Badge count={applicantCount} size="small" color="blue" offset={[8, -2]}>
                            {t("applicantRules.tab")}
                          </Badge>
                        ),
                        children: applicant,
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col flex="1 1 380px">{preview}</Col>
      </Row>
    </DndContext>
  );
}
