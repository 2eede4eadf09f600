import { TreeSelect } from "antd";
import { useEffect, useState } from "react";
import { pickText } from "@/contract";
import type { FieldInputProps, OrgUnitOption } from "../types";
import type { OrgUnitField } from "./definition";
import { buildOrgUnitTree } from "./orgUnitTree";

export function OrgUnitInput({ field, value, onChange, onBlur, disabled, status, id, language, loaders }: FieldInputProps<OrgUnitField>) {
  const [units, setUnits] = useState<OrgUnitOption[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let active = true;
    loaders.loadOrgUnits().then(
      (rows) => active && setUnits(rows),
      () => active && setFailed(true),
    );
    return () => {
      active = false;
    };
  }, [loaders]);
  return (
    <TreeSelect
      id={id}
      value={typeof value === "string" ? value : undefined}
      onChange={(next?: string) => onChange(next ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      status={failed ? "error" : status}
      loading={units === null && !failed}
      treeData={buildOrgUnitTree(units ?? [], field.levels)}
      treeDefaultExpandAll
      showSearch
      treeNodeFilterProp="title"
      allowClear
      placeholder={
        failed
          ? pickText(language, "组织加载失败", "Could not load org units")
          : field.placeholder
            ? pickText(language, field.placeholder, field.placeholder_en)
            : undefined
      }
      style={{ width: "100%" }}
    />
  );
}
