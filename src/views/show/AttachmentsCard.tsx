import { PaperClipOutlined } from "@ant-design/icons";
import { Card, Empty, Image, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { fieldLabel, getFieldType, isStoredFileList, type StoredFile } from "@/field-types";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { attachmentUrl } from "@/data/attachmentStorage";
import type { RecordRow } from "@/data/records";
import { useFieldLanguage } from "../shared/fieldLanguage";

/** Signed URLs expire, so each file asks for its own when it is shown. */
function StoredFileView({ file }: { file: StoredFile }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    attachmentUrl(file.path).then(
      (signed) => active && setUrl(signed),
      () => active && setUrl(null),
    );
    return () => {
      active = false;
    };
  }, [file.path]);
  if (file.mime.startsWith("image/")) {
    return <Image src={url ?? undefined} alt={file.name} width={120} height={120} style={{ objectFit: "cover" }} />;
  }
  return (
    <Typography.Link href={url ?? undefined} target="_blank" rel="noopener noreferrer" disabled={!url}>
      <PaperClipOutlined /> {file.name}
    </Typography.Link>
  );
}

export function AttachmentsCard({ definition, record }: { definition: ServiceDefinition; record: RecordRow }) {
  const t = useT();
  const language = useFieldLanguage();
  const groups = definition.fields.flatMap((field) => {
    const value = record.data[field.key];
    const isFiles = getFieldType(definition.key, field.key, field.type).holdsFiles;
    return isFiles && isStoredFileList(value) && value.length > 0 ? [{ field, files: value }] : [];
  });
  return (
    <Card title={t("records.show.attachments")} size="small">
      {groups.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("records.show.noAttachments")} />
      ) : (
        <Space direction="vertical" style={{ width: "100%" }}>
          {groups.map(({ field, files }) => (
            <div key={field.key}>
              <Typography.Text strong>{fieldLabel(field, language)}</Typography.Text>
              <Image.PreviewGroup>
                <Space wrap style={{ display: "flex", marginTop: 8 }}>
                  {files.map((file) => (
                    <StoredFileView key={file.path} file={file} />
                  ))}
                </Space>
              </Image.PreviewGroup>
            </div>
          ))}
        </Space>
      )}
    </Card>
  );
}
