import type { DuplicateCheck } from "@/contract";

export interface DuplicateNotice {
  /** refuse: the database will refuse the record; warn: ask before filing */
  action: "warn" | "refuse";
  message_zh: string;
  message_en: string;
  /** records to link to (the caller reads them) */
  recordIds: string[];
}

/**
 * The form's notice for a duplicate check, or null when nothing was found. The words follow the
 * database's refusal (duplicate_application): open application first, else holding it already;
 * a record the user cannot read is only counted.
 */
export function duplicateNotice(check: DuplicateCheck): DuplicateNotice | null {
  if (check.action === null || (check.records.length === 0 && check.others === 0)) return null;
  const open = check.records.some((record) => record.kind === "open");
  const held = !open && check.records.some((record) => record.kind === "held");
  const [zh, en] = open
    ? ["该居民已有未办结的同类申请", "This person already has an open application of this kind"]
    : held
      ? ["该居民已持有所申请的事项", "This person already holds what is applied for"]
      : ["该居民已有同类记录", "This person already has a record of this kind"];
  const hidden =
    check.others > 0 ? [`（另有 ${check.others} 件由其他人员办理，您无权查看）`, ` (${check.others} more handled by others; you cannot view them)`] : ["", ""];
  const ask = check.action === "refuse" ? ["，不能重复申请", "; a second application is not accepted"] : ["，请确认是否仍要提交", "; confirm to file anyway"];
  return {
    action: check.action,
    message_zh: zh + hidden[0] + ask[0],
    message_en: en + hidden[1] + ask[1],
    recordIds: check.records.map((record) => record.id),
  };
}
