import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, HolderOutlined } from "@ant-design/icons";
import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { Badge, Button, Popconfirm, Space, Tag, Tooltip, Typography, theme } from "antd";
import type { DraftField } from "../designerDoc";
import { typeOf } from "./fieldProps";
import { fieldTypeIcon } from "./fieldTypeIcons";
import { useFormDesignerTexts } from "./useFormDesignerTexts";

interface FieldRowProps {
  id: string;
  field: DraftField;
  index: number;
  count: number;
  selected: boolean;
  published: boolean;
  referenced: boolean;
  problemCount: number;
  onSelect(): void;
  onMove(to: number): void;
  onRemove(): void;
}

/** One field in the list: a drag handle (pointer or keyboard), its name and marks, 上移 / 下移 / 删除. */
export function FieldRow({ id, field, index, count, selected, published, referenced, problemCount, onSelect, onMove, onRemove }: FieldRowProps) {
  const { t, label } = useFormDesignerTexts();
  const { token } = theme.useToken();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  const type = typeOf(field.type);
  const name = label(field) || field.key;
  const marks = [
    field.required === true && t("formDesigner.list.required"),
    field.sensitive === true && t("formDesigner.list.sensitive"),
    (field.visibleWhen !== undefined || field.requiredWhen !== undefined) && t("formDesigner.list.conditional"),
    field.derive !== undefined && t("formDesigner.list.derived"),
    Array.isArray(field.stage) && t("formDesigner.list.staged"),
    published && t("formDesigner.list.published"),
  ].filter((mark): mark is string => typeof mark === "string");
  return (
    <li
      ref={setNodeRef}
      style={{
        transform: CSS.Transform.toString(transform),
        transition,
        opacity: isDragging ? 0.6 : 1,
        listStyle: "none",
        border: `1px solid ${selected ? token.colorPrimary : token.colorBorderSecondary}`,
        borderRadius: 6,
        padding: "6px 8px",
        marginBottom: 6,
        background: selected ? token.colorPrimaryBg : token.colorBgContainer,
      }}
    >
      <Space align="start" style={{ width: "100%", justifyContent: "space-between" }}>
        <Space align="start">
          <Button size="small" type="text" icon={<HolderOutlined />} {...attributes} {...listeners} aria-label={t("formDesigner.list.drag", { label: name })} />
          <div>
            <Typography.Link onClick={onSelect} aria-current={selected ? "true" : undefined} strong={selected}>
              {type && fieldTypeIcon(type.icon)} {name}
            </Typography.Link>
            <div>
              {field.section !== undefined && <Tag bordered={false}>{t("formDesigner.list.inSection", { section: String(field.section) })}</Tag>}
              {marks.map((mark) => (
                <Tag key={mark} bordered={false} color="blue">
                  {mark}
                </Tag>
              ))}
              {problemCount > 0 && <Badge status="error" text={t("formDesigner.list.problems", { count: problemCount })} />}
            </div>
          </div>
        </Space>
        <Space size={2}>
          <Tooltip title={t("formDesigner.list.moveUp")}>
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={`${t("formDesigner.list.moveUp")} ${name}`}
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
            />
          </Tooltip>
          <Tooltip title={t("formDesigner.list.moveDown")}>
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={`${t("formDesigner.list.moveDown")} ${name}`}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            />
          </Tooltip>
          <Popconfirm
            title={t("formDesigner.list.removeConfirm", { label: name })}
            description={referenced ? t("formDesigner.list.removeReferenced") : undefined}
            onConfirm={onRemove}
            okText={t("formDesigner.list.remove")}
          >
            <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t("formDesigner.list.remove")} ${name}`} />
          </Popconfirm>
        </Space>
      </Space>
    </li>
  );
}
