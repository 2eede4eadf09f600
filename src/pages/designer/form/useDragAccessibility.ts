import type { DndContextProps, DragCancelEvent, DragEndEvent, DragOverEvent, DragStartEvent } from "@dnd-kit/core";
import type { DraftField } from "../designerDoc";
import { fieldRowIds } from "./FieldList";
import { paletteDragPrefix } from "./FieldPalette";
import { typeOf } from "./fieldProps";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

/** What a screen reader hears during a keyboard drag of the form's fields, in the reader's language. */
export function useDragAccessibility(fields: readonly DraftField[]): DndContextProps["accessibility"] {
  const { t, label, language } = useFormDesignerTexts();
  const ids = fieldRowIds(fields);
  const dragName = (id: string | number) => {
    const text = String(id);
    if (text.startsWith(paletteDragPrefix)) return typeOf(text.slice(paletteDragPrefix.length))?.label[language] ?? text;
    const field = fields[ids.indexOf(text)];
    return field ? label(field) || field.key : text;
  };
  const position = (id: string | number) => ids.indexOf(String(id)) + 1;
  return {
    screenReaderInstructions: { draggable: t("formDesigner.list.dragInstructions") },
    announcements: {
      onDragStart: ({ active }: DragStartEvent) => t("formDesigner.list.dragStart", { label: dragName(active.id) }),
      onDragOver: ({ active, over }: DragOverEvent) =>
        over ? t("formDesigner.list.dragOver", { label: dragName(active.id), position: position(over.id) }) : undefined,
      onDragEnd: ({ active, over }: DragEndEvent) =>
        over ? t("formDesigner.list.dragEnd", { label: dragName(active.id), position: position(over.id) }) : undefined,
      onDragCancel: ({ active }: DragCancelEvent) => t("formDesigner.list.dragCancel", { label: dragName(active.id) }),
    },
  };
}
