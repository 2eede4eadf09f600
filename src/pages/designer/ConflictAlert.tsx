// Another administrator saved this service while I was editing: say who and when, what they
// changed (against what I last saved or loaded), and let me keep my version as a file before I
// take theirs. Nothing is overwritten either way.
import { Alert, Button, List, Space, Typography } from "antd";
import dayjs from "dayjs";
import { useT } from "@/i18n";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import type { DraftDefinition } from "./designerDoc";
import { definitionDiff } from "./publish/definitionDiff";

interface Props {
  by: string | null;
  at: string | null;
  base: DraftDefinition | null;
  theirs: DraftDefinition | null;
  onKeepMine(): void;
  onReload(): void;
}

export function ConflictAlert({ by, at, base, theirs, onKeepMine, onReload }: Props) {
  const t = useT();
  const language = useFieldLanguage();
  const changes = theirs && base ? definitionDiff(base, theirs, language) : [];
  return (
    <Alert
      type="error"
      showIcon
      message={t("designer.conflict.title", { who: by ?? t("designer.conflict.someone"), time: at ? dayjs(at).format("MM-DD HH:mm") : "" })}
      description={
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Text>{t("designer.conflict.body")}</Typography.Text>
          {changes.length > 0 && (
            <List
              size="small"
              header={t("designer.conflict.theirChanges")}
              dataSource={changes}
              renderItem={(line) => (
                <List.Item>
                  {line.subject} {line.details.join("；")}
                </List.Item>
              )}
            />
          )}
          <Space wrap>
            <Button onClick={onKeepMine}>{t("designer.conflict.keepMine")}</Button>
            <Button type="primary" onClick={onReload}>
              {t("designer.conflict.reload")}
            </Button>
          </Space>
        </Space>
      }
    />
  );
}
