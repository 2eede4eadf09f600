import { Result, Table, Typography } from "antd";
import { useT } from "@/i18n";
import type { DefinitionError } from "@/services/schema";
import { useFieldLanguage } from "./fieldLanguage";

/**
 * A published definition that does not parse (hand-edited in the database, or written by an
 * older designer): the page names each problem and where it is, instead of crashing.
 */
export function DefinitionErrorPage({ name, version, errors }: { name: string; version: number; errors: DefinitionError[] }) {
  const t = useT();
  const language = useFieldLanguage();
  return (
    <Result status="error" title={t("services.invalidTitle")} subTitle={t("services.invalidSubtitle", { name, version })}>
      <Table<DefinitionError>
        size="small"
        rowKey={(error) => `${error.path}:${error.code}`}
        pagination={false}
        dataSource={errors}
        columns={[
          {
            title: t("services.invalidPath"),
            dataIndex: "path",
            render: (path: string) => <Typography.Text code>{path || "/"}</Typography.Text>,
          },
          {
            title: t("services.invalidProblem"),
            key: "message",
            render: (_, error) => (language === "en" ? error.message_en : error.message_zh),
          },
        ]}
      />
    </Result>
  );
}
