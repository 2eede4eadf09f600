// Why a definition file was refused: every problem with where it is, nothing saved.
import { Alert, List, Typography } from "antd";
import { useT } from "@/i18n";
import type { DefinitionFileResult } from "../designer/definitionFile";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";

export function DefinitionFileErrors({ result }: { result: Exclude<DefinitionFileResult, { ok: true }> }) {
  const t = useT();
  const language = useFieldLanguage();
  if (result.reason === "too_large") return <Alert type="error" showIcon message={t("services.manage.importTooLarge")} />;
  if (result.reason === "not_json") return <Alert type="error" showIcon message={t("services.manage.importNotJson", { message: result.message })} />;
  return (
    <Alert
      type="error"
      showIcon
      message={t("services.manage.importInvalid")}
      description={
        <List
          size="small"
          dataSource={result.errors}
          renderItem={(error) => (
            <List.Item>
              <Typography.Text code>{error.path || "/"}</Typography.Text> {language === "en" ? error.message_en : error.message_zh}
            </List.Item>
          )}
        />
      }
    />
  );
}
