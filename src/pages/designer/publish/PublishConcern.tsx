// 发布: the draft checked against the definition schema, every problem listed with a link to the
// page where it is fixed; what publishing changes for staff, in words, against the last published
// version; then publish as the next version. Records keep the version they were created under.
import { CheckCircleOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, List, Modal, Space, Table, Tag, Typography } from "antd";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { useT } from "@/i18n";
import type { ServiceVersionRow } from "@/data/serviceAdmin";
import type { DefinitionError, DefinitionWarning } from "@/services/schema";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { useAdminScope } from "../../members/useAdminScope";
import { concernOfPath, type ConcernKey } from "../concernOfPath";
import type { DraftDefinition } from "../designerDoc";
import { definitionDiff, type DiffLine } from "./definitionDiff";

interface Props {
  definition: DraftDefinition;
  errors: readonly DefinitionError[];
  warnings: readonly DefinitionWarning[];
  versions: readonly ServiceVersionRow[];
  currentVersion: number | null;
  archived: boolean;
  publish(): Promise<void>;
  goTo(concern: ConcernKey): void;
}

const kindColor: Record<DiffLine["kind"], string> = { added: "green", removed: "red", changed: "blue" };

export default function PublishConcern({ definition, errors, warnings, versions, currentVersion, archived, publish, goTo }: Props) {
  const t = useT();
  const language = useFieldLanguage();
  const scope = useAdminScope();
  const [busy, setBusy] = useState(false);
  const current = versions.find((version) => version.version === currentVersion);
  const roleName = (key: string) => {
    const role = scope.roles.find((r) => r.key === key);
    return role ? (language === "en" && role.name_en ? role.name_en : role.name) : key;
  };
  const diff = useMemo(
    () => definitionDiff((current?.definition ?? null) as unknown as DraftDefinition | null, definition, language, roleName),
    // roleName reads scope.roles
    [current, definition, language, scope.roles],
  );
  const areaName = (area: DiffLine["area"]) => t(`designer.tabs.${area}`);
  const nextVersion = (versions[0]?.version ?? 0) + 1;

  const confirm = () =>
    Modal.confirm({
      title: t("designer.publish.confirmTitle", { version: nextVersion }),
      content: t("designer.publish.confirmBody"),
      okText: t("designer.publish.publish"),
      onOk: async () => {
        setBusy(true);
        try {
          await publish();
        } finally {
          setBusy(false);
        }
      },
    });

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }}>
      {errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          message={t("designer.publish.errors", { count: errors.length })}
          description={
            <List
              size="small"
              dataSource={[...errors]}
              renderItem={(error) => (
                <List.Item
                  actions={[
                    <Button key="go" type="link" size="small" onClick={() => goTo(concernOfPath(error.path))}>
                      {t("designer.publish.fixIn", { page: t(`designer.tabs.${concernOfPath(error.path)}`) })}
                    </Button>,
                  ]}
                >
                  <Space wrap>
                    <Tag>{t(`designer.tabs.${concernOfPath(error.path)}`)}</Tag>
                    <Typography.Text code>{error.path || "/"}</Typography.Text>
                    <span>{language === "en" ? error.message_en : error.message_zh}</span>
                  </Space>
                </List.Item>
              )}
            />
          }
        />
      ) : (
        <Alert type="success" showIcon icon={<CheckCircleOutlined />} message={t("designer.publish.valid")} />
      )}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={t("designer.publish.warnings", { count: warnings.length })}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {warnings.slice(0, 20).map((warning, index) => (
                <li key={index}>
                  <Typography.Text code>{warning.path}</Typography.Text> {language === "en" ? warning.message_en : warning.message_zh}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Card size="small" title={current ? t("designer.publish.diffTitle", { version: current.version }) : t("designer.publish.diffFirst")}>
        {diff.length === 0 ? (
          <Empty description={t("designer.publish.noChanges")} />
        ) : (
          <List
            size="small"
            dataSource={diff}
            renderItem={(line) => (
              <List.Item>
                <Space wrap align="start">
                  <Tag>{areaName(line.area)}</Tag>
                  <Tag color={kindColor[line.kind]}>{t(`designer.publish.kind.${line.kind}`)}</Tag>
                  <Typography.Text strong>{line.subject}</Typography.Text>
                  {line.details.map((detail) => (
                    <Typography.Text key={detail} type="secondary">
                      {detail}
                    </Typography.Text>
                  ))}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
      {archived && <Alert type="warning" showIcon message={t("designer.publish.archived")} />}
      <Space>
        <Button
          type="primary"
          size="large"
          disabled={errors.length > 0 || archived || (current !== undefined && diff.length === 0)}
          loading={busy}
          onClick={confirm}
        >
          {t("designer.publish.publishAs", { version: nextVersion })}
        </Button>
        <Typography.Text type="secondary">{t("designer.publish.recordsKeep")}</Typography.Text>
      </Space>
      <Card size="small" title={t("designer.publish.history")}>
        <Table<ServiceVersionRow>
          size="small"
          rowKey="version"
          pagination={false}
          dataSource={[...versions]}
          locale={{ emptyText: t("designer.publish.noVersions") }}
          columns={[
            { key: "version", title: t("designer.publish.version"), render: (_, row) => t("services.manage.version", { version: row.version }) },
            { key: "at", title: t("designer.publish.publishedAt"), render: (_, row) => dayjs(row.published_at).format("YYYY-MM-DD HH:mm") },
            {
              key: "current",
              title: "",
              render: (_, row) => (row.version === currentVersion ? <Tag color="success">{t("designer.publish.current")}</Tag> : null),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
