// 一人一档: one person's file — their details with where and when each value was set, their
// household, their tags (current and ended, with source), and one timeline of every record about
// them in every service the reader may read together with the registry's own history. A person
// the reader may not see reads exactly like one that does not exist (RLS says nothing more).
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Col, Flex, Result, Row, Skeleton, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { fetchResidentFacts } from "@/data/fetchResidentFacts";
import { fetchResident, fetchResidentEvents, fetchResidentRecords, fetchResidentTags } from "@/data/residents";
import { useT } from "@/i18n";
import { useErrorText } from "@/views/shared/useErrorText";
import { ResidentBasics } from "./ResidentBasics";
import { ResidentFormModal } from "./ResidentFormModal";
import { ResidentHouseholdCard } from "./ResidentHouseholdCard";
import { ResidentTagsCard } from "./ResidentTagsCard";
import { ResidentTimeline } from "./ResidentTimeline";
import { useRegistryPermissions } from "./useRegistryPermissions";

export function ResidentShowPage() {
  const { id = "" } = useParams();
  const t = useT();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const { canEdit } = useRegistryPermissions();
  const [editing, setEditing] = useState(false);

  const person = useQuery({ queryKey: ["cgs", "resident", id], queryFn: () => fetchResident(id) });
  const tags = useQuery({ queryKey: ["cgs", "resident", id, "tags"], queryFn: () => fetchResidentTags(id), enabled: !!person.data });
  const events = useQuery({ queryKey: ["cgs", "resident", id, "events"], queryFn: () => fetchResidentEvents(id), enabled: !!person.data });
  const records = useQuery({ queryKey: ["cgs", "resident", id, "records"], queryFn: () => fetchResidentRecords(id), enabled: !!person.data });
  // whether the database hides sensitive tag kinds from this reader here (the same for every person they read in this grid)
  const facts = useQuery({ queryKey: ["cgs", "resident", id, "facts"], queryFn: () => fetchResidentFacts(id), enabled: !!person.data });

  const reload = () => void queryClient.invalidateQueries({ queryKey: ["cgs", "resident", id] });

  if (person.isLoading) return <Skeleton active />;
  if (person.isError) return <Alert type="error" showIcon message={errorText(person.error)} />;
  if (!person.data)
    return (
      <Result
        status="404"
        title={t("residents.notFound")}
        extra={
          <Link to="/residents">
            <Button>{t("residents.backToList")}</Button>
          </Link>
        }
      />
    );

  const { resident, household } = person.data;
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("residents.person.title", { name: resident.name })}
        </Typography.Title>
        <Flex gap={8}>
          <Link to="/residents">
            <Button>{t("residents.backToList")}</Button>
          </Link>
          {canEdit && (
            <Button type="primary" onClick={() => setEditing(true)}>
              {t("residents.person.edit")}
            </Button>
          )}
        </Flex>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <ResidentBasics resident={resident} events={events.data ?? []} records={records.data ?? []} />
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <ResidentHouseholdCard residentId={resident.id} household={household} />
            <ResidentTagsCard
              birthYear={resident.birth_year}
              tags={tags.data ?? []}
              records={records.data ?? []}
              sensitiveHidden={(facts.data?.hiddenKinds.length ?? 0) > 0}
            />
          </Flex>
        </Col>
        <Col span={24}>
          <Card title={t("residents.person.timeline")} loading={events.isLoading || records.isLoading}>
            <ResidentTimeline events={events.data ?? []} records={records.data ?? []} />
          </Card>
        </Col>
      </Row>
      {editing && (
        <ResidentFormModal
          resident={resident}
          onClose={() => setEditing(false)}
          onConflict={reload}
          onSaved={() => {
            setEditing(false);
            reload();
            void queryClient.invalidateQueries({ queryKey: ["cgs", "residents"] });
          }}
        />
      )}
    </>
  );
}

export default ResidentShowPage;
