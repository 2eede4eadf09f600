// The person's household: its number and address, and each member with their GB/T 4761 relation
// to the head; a member the reader may not see is counted, not named.
import { Card, List, Tag, Typography } from "antd";
import { Link } from "react-router";
import type { ResidentHousehold } from "@/data/residents";
import { useT } from "@/i18n";
import { beijingToday } from "./residentInput";
import { useRegistryLabels } from "./useRegistryLabels";

export function ResidentHouseholdCard({ residentId, household }: { residentId: string; household: ResidentHousehold | null }) {
  const t = useT();
  const labels = useRegistryLabels();
  const thisYear = Number(beijingToday().slice(0, 4));
  if (!household)
    return (
      <Card title={t("residents.person.household")} size="small">
        <Typography.Text type="secondary">{t("residents.person.noHousehold")}</Typography.Text>
      </Card>
    );
  // the head first, then by relation code
  const members = [...household.members].sort((a, b) => a.relation.localeCompare(b.relation));
  return (
    <Card title={t("residents.person.household")} size="small" role="region" aria-label={t("residents.person.household")}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {household.household_number ? `${t("residents.person.householdNumber", { number: household.household_number })} · ` : ""}
        {household.address}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={members}
        renderItem={(member) => (
          <List.Item key={member.resident_id}>
            <span>
              {member.resident === null ? (
                <Typography.Text type="secondary">{t("residents.person.hiddenMember")}</Typography.Text>
              ) : member.resident_id === residentId ? (
                <Typography.Text strong>
                  {member.resident.name}（{t("residents.person.self")}）
                </Typography.Text>
              ) : (
                <Link to={`/residents/${member.resident_id}`}>{member.resident.name}</Link>
              )}
              {member.resident && (
                <Typography.Text type="secondary">
                  {" "}
                  {labels.codeLabel("sex", member.resident.sex)} · {thisYear - member.resident.birth_year}
                </Typography.Text>
              )}
            </span>
            <Tag>{labels.codeLabel("household_relation", member.relation)}</Tag>
          </List.Item>
        )}
      />
    </Card>
  );
}
