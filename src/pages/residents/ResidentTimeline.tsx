// One timeline of everything about the person, newest first: the records about them in every
// service the reader may read (each linking to its page) and the registry's own history (what
// changed, from what to what — masks only — by whom and from which source).
import { Timeline, Typography } from "antd";
import dayjs from "dayjs";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { ResidentEventRow, ResidentRecordRow } from "@/data/residents";
import { useT, type TranslationKey } from "@/i18n";
import { useLookups } from "@/views/hooks/useLookups";
import { useUnitLabel } from "@/views/hooks/useUnitLabel";
import { useRecordLinks } from "./useRecordLinks";
import { useRegistryLabels, type CodeList } from "./useRegistryLabels";

const codeFields: Record<string, CodeList> = {
  sex: "sex",
  ethnicity: "ethnicity",
  political_status: "political_status",
  marital_status: "marital_status",
  relation: "household_relation",
};
const knownFields = new Set([
  "name",
  "id_number",
  "phone",
  "sex",
  "birth_year",
  "ethnicity",
  "political_status",
  "marital_status",
  "address",
  "grid_org_unit_id",
  "household_id",
  "relation",
  "tag_key",
  "valid_from",
  "valid_to",
  "note",
]);

/** The 户籍 attributes' labels live with the form's reuse texts (applicationReuse) */
const ownLabels: Record<string, TranslationKey> = { hukou_region: "applicationReuse.hukouRegion", hukou_address: "applicationReuse.hukouAddress" };

type Item = { at: string; key: string; content: ReactNode; color?: string };

export function ResidentTimeline({ events, records }: { events: readonly ResidentEventRow[]; records: readonly ResidentRecordRow[] }) {
  const t = useT();
  const labels = useRegistryLabels();
  const unitLabel = useUnitLabel();
  const recordLink = useRecordLinks();
  const lookups = useLookups(events.flatMap((event) => (event.actor ? [event.actor] : [])));

  const fieldLabel = (field: string) =>
    field in ownLabels ? t(ownLabels[field]!) : knownFields.has(field) ? t(`residents.fields.${field}` as TranslationKey) : field;
  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return "—";
    if (field in codeFields) return labels.codeLabel(codeFields[field]!, String(value)) ?? String(value);
    if (field === "grid_org_unit_id") return unitLabel(String(value)) ?? String(value);
    if (field === "tag_key") return labels.tagLabel(String(value));
    return String(value);
  };

  const items: Item[] = [
    ...records.map((record): Item => {
      const link = recordLink(record);
      const text = t("residents.person.recordOf", { service: link.service ?? t("residents.person.unknownService"), status: link.status });
      return {
        at: record.created_at,
        key: `record:${record.id}`,
        color: "blue",
        content: link.href ? <Link to={link.href}>{text}</Link> : text,
      };
    }),
    ...events.map((event): Item => {
      const inserted = event.kind === "created" || event.kind.endsWith("_added") || event.kind === "household_created";
      // the household's id says nothing to a reader (the kind names the change); empty on both sides is no change
      const changes = Object.entries(event.diff ?? {}).filter(([field, pair]) => {
        if (field === "household_id") return false;
        const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
        return valueText(field, before) !== "—" || valueText(field, after) !== "—";
      });
      const actor = event.actor ? (lookups.userName(event.actor) ?? null) : null;
      return {
        at: event.created_at,
        key: `event:${event.id}`,
        color: "gray",
        content: (
          <>
            <Typography.Text strong>{t(`residents.events.${event.kind}` as TranslationKey)}</Typography.Text>
            <Typography.Text type="secondary">
              {" · "}
              {t(`residents.sources.${event.source as "manual" | "record" | "import"}`)}
              {actor ? ` · ${t("residents.person.by", { name: actor })}` : ""}
            </Typography.Text>
            {changes.length > 0 && (
              <ul style={{ margin: "4px 0 0", paddingInlineStart: 20 }}>
                {changes.map(([field, pair]) => {
                  const [before, after] = Array.isArray(pair) ? pair : [undefined, pair];
                  return (
                    <li key={field}>
                      {fieldLabel(field)}
                      {t("residents.person.colon")}
                      {inserted ? valueText(field, after) : `${valueText(field, before)} → ${valueText(field, after)}`}
                    </li>
                  );
                })}
              </ul>
            )}
          </>
        ),
      };
    }),
  ].sort((a, b) => b.at.localeCompare(a.at));

  if (items.length === 0) return <Typography.Text type="secondary">{t("residents.person.noTimeline")}</Typography.Text>;
  return (
    <Timeline
      items={items.map((item) => ({
        key: item.key,
        color: item.color,
        children: (
          <>
            <Typography.Text type="secondary" style={{ marginInlineEnd: 8 }}>
              {dayjs(item.at).format("YYYY-MM-DD HH:mm")}
            </Typography.Text>
            {item.content}
          </>
        ),
      }))}
    />
  );
}
