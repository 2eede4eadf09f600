import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { Empty } from "antd";
import type { DraftField } from "../designerDoc";
import { FieldRow } from "./FieldRow";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

export const fieldListDropId = "form-field-list";

/** Sortable ids: the field's key, made unique if a (broken) draft repeats one. */
export function fieldRowIds(fields: readonly DraftField[]): string[] {
  const seen = new Set<string>();
  return fields.map((field, index) => {
    const id = seen.has(field.key) ? `${field.key}#${index}` : field.key;
    seen.add(field.key);
    return id;
  });
}

interface FieldListProps {
  fields: readonly DraftField[];
  selected: number;
  isPublished(key: string): boolean;
  isReferenced(index: number): boolean;
  problemCount(index: number): number;
  onSelect(index: number): void;
  onMove(from: number, to: number): void;
  onRemove(index: number): void;
}

/** 表单字段: the fields in order, sortable by drag (pointer or keyboard) and by 上移 / 下移. */
export function FieldList({ fields, selected, isPublished, isReferenced, problemCount, onSelect, onMove, onRemove }: FieldListProps) {
  const { t } = useFormDesignerTexts();
  const { setNodeRef } = useDroppable({ id: fieldListDropId });
  const ids = fieldRowIds(fields);
  return (
    <SortableContext items={ids} strategy={verticalListSortingStrategy}>
      <ol ref={setNodeRef} aria-label={t("formDesigner.list.title")} style={{ padding: 0, margin: 0, minHeight: 80 }}>
        {fields.length === 0 && <Empty description={t("formDesigner.list.empty")} />}
        {fields.map((field, index) => (
          <FieldRow
            key={ids[index]}
            id={ids[index]}
            field={field}
            index={index}
            count={fields.length}
            selected={index === selected}
            published={isPublished(field.key)}
            referenced={isReferenced(index)}
            problemCount={problemCount(index)}
            onSelect={() => onSelect(index)}
            onMove={(to) => onMove(index, to)}
            onRemove={() => onRemove(index)}
          />
        ))}
      </ol>
    </SortableContext>
  );
}
