import { useDraggable } from "@dnd-kit/core";
import { Button, Typography } from "antd";
import type { PointerEventHandler } from "react";
import { fieldTypeKeys, fieldTypes, type FieldTypeKey } from "@/field-types";
import { fieldTypeIcon } from "./fieldTypeIcons";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

export const paletteDragPrefix = "palette:";

function PaletteItem({ type, onAdd }: { type: FieldTypeKey; onAdd(type: string): void }) {
  const { t, language } = useFormDesignerTexts();
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: `${paletteDragPrefix}${type}` });
  const name = language === "en" ? fieldTypes[type].label.en : fieldTypes[type].label.zh;
  return (
    <Button
      ref={setNodeRef}
      {...attributes}
      // pointer only: Enter and Space are the button's click (add after the selected field), the keyboard equivalent of the drag
      onPointerDown={listeners?.onPointerDown as PointerEventHandler<HTMLElement> | undefined}
      aria-label={t("formDesigner.palette.add", { type: name })}
      icon={fieldTypeIcon(fieldTypes[type].icon)}
      onClick={() => onAdd(type)}
      block
      style={{
        justifyContent: "flex-start",
        opacity: isDragging ? 0.6 : 1,
        transform: transform ? `translate(${transform.x}px, ${transform.y}px)` : undefined,
        zIndex: isDragging ? 10 : undefined,
        position: "relative",
      }}
    >
      {name}
    </Button>
  );
}

/** 字段类型: every type of the registry; a click adds it after the selected field, a drag drops it where it should go. */
export function FieldPalette({ onAdd }: { onAdd(type: string): void }) {
  const { t } = useFormDesignerTexts();
  return (
    <section aria-label={t("formDesigner.palette.title")}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t("formDesigner.palette.hint")}
      </Typography.Paragraph>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(120px, 1fr))", gap: 6 }}>
        {fieldTypeKeys.map((type) => (
          <PaletteItem key={type} type={type} onAdd={onAdd} />
        ))}
      </div>
    </section>
  );
}
