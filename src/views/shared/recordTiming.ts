import dayjs from "dayjs";
import type { ServiceDefinition } from "@/services/schema";
import { findState, isOverdue } from "@/services/workflow";

/** Past its due time and still open: terminal states are never overdue, whatever due_at says. */
export function isRecordOverdue(definition: ServiceDefinition, record: { status: string; due_at: string | null }, now: Date): boolean {
  if (findState(definition, record.status)?.terminal) return false;
  return isOverdue(record.due_at ? new Date(record.due_at) : null, now);
}

/** Date and minute in the browser's zone; all of China keeps one zone, so this reads as local time. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format("YYYY-MM-DD HH:mm") : "—";
}
