import { DeleteOutlined, EditOutlined, NodeIndexOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Popconfirm, Space } from "antd";
import { useCallback, useState } from "react";
import { useDomainLabels } from "@/components/useDomainLabels";
import { deleteOrgUnit, type EditedOrgUnit } from "@/data/orgUnitAdmin";
import { useT } from "@/i18n";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import { AddOrgUnitModal } from "./AddOrgUnitModal";
import { MoveOrgUnitModal } from "./MoveOrgUnitModal";
import { addableChildLevel, isEditableLevel, mayEditUnit, moveTargets, type EditorScope } from "./orgUnitEditRights";
import type { OrgUnitIndex } from "./orgUnitIndex";
import { RenameOrgUnitModal } from "./RenameOrgUnitModal";
import { useOrgUnitChange } from "./useOrgUnitChange";

type Props = { unit: OrgUnit; index: OrgUnitIndex; scope: EditorScope; onSelect: (id: string) => void };
type Dialog = "add" | "rename" | "move" | null;

/**
 * The administrator's edits of the selected unit: 新增下级单位 where they administer it, and
 * 重命名 / 移动到… / 删除 where they administer the unit above it (移动到… only when another unit
 * they administer could take it). Nothing for anyone else (the database refuses them anyway).
 */
export function OrgUnitActions({ unit, index, scope, onSelect }: Props) {
  const t = useT();
  const { levelLabel } = useDomainLabels();
  const [dialog, setDialog] = useState<Dialog>(null);
  const childLevel = addableChildLevel(unit, scope);
  const editable = mayEditUnit(unit, index, scope);
  // a community administrator has no other community to move a grid to: no dead button
  const movable = editable && moveTargets(unit, index, scope).length > 0;
  const selectChanged = useCallback((changed: EditedOrgUnit | null) => changed && onSelect(changed.id), [onSelect]);
  const selectParent = useCallback((deleted: EditedOrgUnit | null) => deleted?.parent_id && onSelect(deleted.parent_id), [onSelect]);
  const removal = useOrgUnitChange(selectParent);

  if (!childLevel && !editable) return null;
  const close = () => setDialog(null);

  return (
    <>
      <Space wrap style={{ marginTop: 16 }}>
        {childLevel && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog("add")}>
            {t("org_unit_edit.add", { level: levelLabel(childLevel) })}
          </Button>
        )}
        {editable && (
          <>
            <Button icon={<EditOutlined aria-hidden />} onClick={() => setDialog("rename")}>
              {t("org_unit_edit.rename")}
            </Button>
            {movable && (
              <Button icon={<NodeIndexOutlined aria-hidden />} onClick={() => setDialog("move")}>
                {t("org_unit_edit.move")}
              </Button>
            )}
            <Popconfirm
              title={t("org_unit_edit.deleteTitle", { name: unit.name })}
              description={t("org_unit_edit.deleteHint")}
              okText={t("org_unit_edit.delete")}
              okButtonProps={{ danger: true, loading: removal.saving }}
              cancelText={t("buttons.cancel")}
              onConfirm={() => removal.run(() => deleteOrgUnit(unit.id), "org_unit_edit.deleted")}
            >
              <Button danger icon={<DeleteOutlined aria-hidden />}>
                {t("org_unit_edit.delete")}
              </Button>
            </Popconfirm>
          </>
        )}
      </Space>
      {dialog === "add" && childLevel && <AddOrgUnitModal parent={unit} level={childLevel} index={index} onClose={close} onChanged={selectChanged} />}
      {dialog === "rename" && <RenameOrgUnitModal unit={unit} index={index} onClose={close} onChanged={selectChanged} />}
      {dialog === "move" && isEditableLevel(unit.level, scope.systemAdmin) && (
        <MoveOrgUnitModal unit={{ ...unit, level: unit.level }} index={index} scope={scope} onClose={close} onChanged={selectChanged} />
      )}
    </>
  );
}
