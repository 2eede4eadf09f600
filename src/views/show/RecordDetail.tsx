import { EditOutlined } from "@ant-design/icons";
import { useGetIdentity } from "@refinedev/core";
import { Button, Card, Col, Flex, Row, Space, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { useT } from "@/i18n";
import type { Identity } from "@/data/myContext";
import { findState } from "@/services/workflow";
import { residentFieldKeys, residentIdsIn, useLookups, userFieldKeys, userIdsIn } from "../hooks/useLookups";
import { useOrgUnits } from "../hooks/useOrgUnits";
import type { LoadedService } from "../hooks/useServiceByKey";
import { useFieldLanguage } from "../shared/fieldLanguage";
import type { LoadedRecord } from "../shared/RecordGate";
import { isRecordOverdue } from "../shared/recordTiming";
import { mayDo, roleKeysAt } from "../shared/servicePermissions";
import { serviceName } from "../shared/serviceName";
import { StatusTag } from "../shared/StatusTag";
import { AttachmentsCard } from "./AttachmentsCard";
import { CommentBox } from "./CommentBox";
import { DeleteRecordButton } from "./DeleteRecordButton";
import { EventTimeline } from "./EventTimeline";
import { RecordFieldsCard } from "./RecordFieldsCard";
import { WorkflowActions } from "./WorkflowActions";

/** Everything about one record: answers, files, history, and what the user may do next. */
export function RecordDetail({ service, loaded }: { service: LoadedService; loaded: LoadedRecord }) {
  const { record, definition, reload } = loaded;
  const t = useT();
  const language = useFieldLanguage();
  const navigate = useNavigate();
  const units = useOrgUnits();
  const { data: identity } = useGetIdentity<Identity>();
  const roleKeys = useMemo(() => roleKeysAt(identity?.memberships ?? [], record.org_unit_id, units.byId), [identity, record.org_unit_id, units.byId]);
  const userFields = useMemo(() => userFieldKeys(definition), [definition]);
  const residentFields = useMemo(() => residentFieldKeys(definition), [definition]);
  const lookups = useLookups(
    useMemo(() => userIdsIn([record], userFields), [record, userFields]),
    useMemo(() => residentIdsIn([record], residentFields), [record, residentFields]),
  );
  const now = useMemo(() => new Date(), [record]);
  const terminal = findState(definition, record.status)?.terminal ?? false;
  const canEdit = !terminal && mayDo(definition, roleKeys, "update");
  const canDelete = mayDo(definition, roleKeys, "delete");
  const canUnmask = mayDo(definition, roleKeys, "view_sensitive");

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {serviceName(service, language)}
          </Typography.Title>
          <StatusTag definition={definition} status={record.status} language={language} />
          {isRecordOverdue(definition, record, now) && <Tag color="error">{t("records.show.overdue")}</Tag>}
          {record.service_version !== service.currentVersion && <Tag>{t("records.show.versionValue", { version: record.service_version })}</Tag>}
        </Space>
        <Space wrap>
          {canEdit && (
            <Button icon={<EditOutlined />} onClick={() => navigate(`/s/${service.key}/edit/${record.id}`)}>
              {t("records.show.edit")}
            </Button>
          )}
          {canDelete && <DeleteRecordButton serviceKey={service.key} record={record} />}
        </Space>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <RecordFieldsCard definition={definition} record={record} lookups={lookups} now={now} canUnmask={canUnmask} />
            <AttachmentsCard definition={definition} record={record} />
          </Space>
        </Col>
        <Col xs={24} xl={9}>
          <Space direction="vertical" size="middle" style={{ width: "100%" }}>
            <Card title={t("records.show.actions")} size="small">
              <Space direction="vertical" size="middle" style={{ width: "100%" }}>
                <WorkflowActions serviceKey={service.key} definition={definition} record={record} roleKeys={roleKeys} reload={reload} />
                <CommentBox recordId={record.id} />
              </Space>
            </Card>
            <EventTimeline definition={definition} recordId={record.id} />
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
