// The person's details, each with where and when it was last set (the registry event that set
// it: by hand, from a record — linked — or by an import). ID number, phone and the full birth
// date are masked or withheld by the database; a reader holding view_sensitive may show one in
// full with a reason (logged).
import { Card, Descriptions, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import type { ResidentEventRow, ResidentRecordRow, ResidentRow, ResidentSensitiveField } from "@/data/residents";
import { useT, type TranslationKey } from "@/i18n";
import { useOrgUnits } from "@/views/hooks/useOrgUnits";
import { useUnitLabel } from "@/views/hooks/useUnitLabel";
import { UnmaskButton } from "./UnmaskButton";
import { useRecordLinks } from "./useRecordLinks";
import { useRegistryLabels, type CodeList } from "./useRegistryLabels";
import { useRegistryPermissions } from "./useRegistryPermissions";
import { valueSources } from "./valueSources";

interface Props {
  resident: ResidentRow;
  events: readonly ResidentEventRow[];
  records: readonly ResidentRecordRow[];
}

type Shown =
  | "id_number"
  | "name"
  | "sex"
  | "birth_year"
  | "phone"
  | "ethnicity"
  | "political_status"
  | "marital_status"
  | "address"
  | "hukou_region"
  | "hukou_address"
  | "grid_org_unit_id";

/** The 户籍 attributes' labels live with the form's reuse texts (applicationReuse) */
const ownLabels: Partial<Record<Shown, TranslationKey>> = { hukou_region: "applicationReuse.hukouRegion", hukou_address: "applicationReuse.hukouAddress" };

export function ResidentBasics({ resident, events, records }: Props) {
  const t = useT();
  const labels = useRegistryLabels();
  const unitLabel = useUnitLabel();
  const units = useOrgUnits();
  const recordLink = useRecordLinks();
  const { canViewSensitive } = useRegistryPermissions();
  const [unmasked, setUnmasked] = useState<Partial<Record<ResidentSensitiveField, string | null>>>({});
  const sources = valueSources(events);

  const sourceText = (field: string): ReactNode => {
    const event = sources.get(field);
    if (!event) return t("residents.person.noSource");
    const at = dayjs(event.created_at).format("YYYY-MM-DD HH:mm");
    const source = t(`residents.sources.${event.source as "manual" | "record" | "import"}`);
    const record = event.source === "record" ? records.find((r) => r.id === event.source_ref) : undefined;
    const href = record ? recordLink(record).href : null;
    const text = t("residents.person.sourceOf", { source, at });
    return href ? <Link to={href}>{text}</Link> : text;
  };

  const code = (list: CodeList, value: string | null) => labels.codeLabel(list, value) ?? "—";
  const sensitive = (field: ResidentSensitiveField, masked: ReactNode, label: string) => (
    <Space size={4} wrap>
      <span>{field in unmasked ? (unmasked[field] ?? "—") : masked}</span>
      {canViewSensitive && !(field in unmasked) && (
        <UnmaskButton residentId={resident.id} field={field} fieldLabel={label} onShown={(value) => setUnmasked((shown) => ({ ...shown, [field]: value }))} />
      )}
    </Space>
  );

  const label = (field: Shown) => t(ownLabels[field] ?? (`residents.fields.${field}` as TranslationKey));
  // a code of a unit in the tree (a community of ours) is shown with its name
  const region = resident.hukou_region;
  const regionUnit = region ? units.rows.find((unit) => unit.code === region) : undefined;
  const rows: { field: Shown; value: ReactNode }[] = [
    { field: "name", value: resident.name },
    { field: "id_number", value: sensitive("id_number", resident.id_number, label("id_number")) },
    { field: "sex", value: code("sex", resident.sex) },
    {
      field: "birth_year",
      value: sensitive("birth_date", resident.birth_year, t("residents.person.birthDate")),
    },
    { field: "phone", value: resident.phone === null ? "—" : sensitive("phone", resident.phone, label("phone")) },
    { field: "ethnicity", value: code("ethnicity", resident.ethnicity) },
    { field: "political_status", value: code("political_status", resident.political_status) },
    { field: "marital_status", value: code("marital_status", resident.marital_status) },
    { field: "address", value: resident.address ?? "—" },
    { field: "hukou_region", value: region ? (regionUnit ? `${region}（${regionUnit.name}）` : region) : "—" },
    { field: "hukou_address", value: resident.hukou_address ?? "—" },
    { field: "grid_org_unit_id", value: unitLabel(resident.grid_org_unit_id) ?? resident.grid_org_unit_id },
  ];

  return (
    <Card title={t("residents.person.basics")} size="small">
      <Descriptions
        column={1}
        size="small"
        bordered
        items={rows.map(({ field, value }) => ({
          key: field,
          label: label(field),
          children: (
            <Space direction="vertical" size={0}>
              {value}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("residents.person.source")}
                {t("residents.person.colon")}
                {sourceText(field)}
              </Typography.Text>
            </Space>
          ),
        }))}
      />
    </Card>
  );
}
