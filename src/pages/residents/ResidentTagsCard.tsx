// The person's tags: age kinds (derived from the birth date by the database, here from the
// birth year), then every stored tag, current or ended, with its period, source and note. A
// reader without view_sensitive over the person gets no tag of a sensitive kind from the database
// (低保, 残疾人 …): the card says so in the same words for every person, neither naming nor
// counting what is hidden.
import { Card, List, Space, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { ResidentRecordRow, ResidentTagRow } from "@/data/residents";
import { useT } from "@/i18n";
import { beijingToday } from "./residentInput";
import { isCurrentTag } from "./residentTags";
import { useRecordLinks } from "./useRecordLinks";
import { useRegistryLabels } from "./useRegistryLabels";

interface Props {
  birthYear: number;
  tags: readonly ResidentTagRow[];
  records: readonly ResidentRecordRow[];
  /** sensitive kinds are hidden from this reader (resident_facts' hiddenKinds) */
  sensitiveHidden?: boolean;
}

export function ResidentTagsCard({ birthYear, tags, records, sensitiveHidden = false }: Props) {
  const t = useT();
  const labels = useRegistryLabels();
  const recordLink = useRecordLinks();
  const today = beijingToday();
  const age = Number(today.slice(0, 4)) - birthYear;
  const ageKinds = labels.tagKinds.filter((kind) => kind.min_age !== null && age >= kind.min_age);
  const ordered = [...tags].sort((a, b) => Number(isCurrentTag(b, today)) - Number(isCurrentTag(a, today)) || b.valid_from.localeCompare(a.valid_from));

  const source = (tag: ResidentTagRow) => {
    const label = t(`residents.sources.${tag.source as "manual" | "record" | "import"}`);
    const record = tag.source_record_id ? records.find((r) => r.id === tag.source_record_id) : undefined;
    const href = record ? recordLink(record).href : null;
    return href ? <Link to={href}>{label}</Link> : label;
  };

  return (
    <Card title={t("residents.person.tags")} size="small" role="region" aria-label={t("residents.person.tags")}>
      {ageKinds.length === 0 && tags.length === 0 && <Typography.Text type="secondary">{t("residents.person.noTags")}</Typography.Text>}
      <List size="small">
        {ageKinds.map((kind) => (
          <List.Item key={kind.key}>
            <Space>
              <Tag color="blue">{labels.tagLabel(kind.key)}</Tag>
              <Typography.Text type="secondary">{t("residents.person.derivedAge")}</Typography.Text>
            </Space>
          </List.Item>
        ))}
        {ordered.map((tag) => {
          const current = isCurrentTag(tag, today);
          return (
            <List.Item key={tag.id}>
              <Space wrap>
                <Tag color={current ? "green" : undefined}>{labels.tagLabel(tag.tag_key)}</Tag>
                <Typography.Text type={current ? undefined : "secondary"}>
                  {current ? t("residents.person.tagCurrent") : t("residents.person.tagEnded")} ·{" "}
                  {tag.valid_to
                    ? t("residents.person.tagPeriodEnded", { from: tag.valid_from, to: tag.valid_to })
                    : t("residents.person.tagPeriod", { from: tag.valid_from })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t("residents.person.source")}
                  {t("residents.person.colon")}
                  {source(tag)}
                </Typography.Text>
                {tag.note && <Typography.Text type="secondary">{tag.note}</Typography.Text>}
              </Space>
            </List.Item>
          );
        })}
      </List>
      {sensitiveHidden && <Typography.Text type="secondary">{t("sensitiveTags.hiddenNote")}</Typography.Text>}
    </Card>
  );
}
