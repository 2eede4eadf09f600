import { Alert, Space } from "antd";
import { Link } from "react-router";
import { pickText, type DuplicateCheck, type Language } from "@/contract";
import { useT } from "@/i18n";
import { findState } from "@/services/workflow";
import type { DuplicateNotice, ServiceDefinition } from "@/services/schema";
import { formatDateTime } from "../shared/recordTiming";

interface DuplicateNoticeAlertProps {
  notice: DuplicateNotice;
  records: DuplicateCheck["records"];
  serviceKey: string;
  definition: ServiceDefinition;
  language: Language;
}

/**
 * What the duplicate check found for the picked person, under the resident field: the
 * database's words (refuse: this record will not be accepted; warn: confirm before filing),
 * and a link to each existing record the user reads (the others are only counted in the words).
 */
export function DuplicateNoticeAlert({ notice, records, serviceKey, definition, language }: DuplicateNoticeAlertProps) {
  const t = useT();
  const stateName = (key: string) => {
    const state = findState(definition, key);
    return state ? pickText(language, state.label, state.label_en) : key;
  };
  return (
    <Alert
      type={notice.action === "refuse" ? "error" : "warning"}
      showIcon
      style={{ marginBottom: 16 }}
      message={pickText(language, notice.message_zh, notice.message_en)}
      description={
        records.length > 0 && (
          <Space direction="vertical" size={2}>
            {records.map((record) => (
              <Link key={record.id} to={`/s/${serviceKey}/show/${record.id}`}>
                {t("residentChecks.duplicateLink", { status: stateName(record.status), date: formatDateTime(record.created_at) })}
              </Link>
            ))}
          </Space>
        )
      }
    />
  );
}
