import { Tag } from "antd";
import { type Language, pickText } from "@/contract";
import type { ServiceDefinition } from "@/services/schema";
import { findState } from "@/services/workflow";

/** A workflow state in its configured colour; an unknown key (older version) shows as is. */
export function StatusTag({ definition, status, language }: { definition: ServiceDefinition; status: string; language: Language }) {
  const state = findState(definition, status);
  if (!state) return <Tag>{status}</Tag>;
  return <Tag color={state.color}>{pickText(language, state.label, state.label_en)}</Tag>;
}

export function stateLabel(definition: ServiceDefinition, status: string, language: Language): string {
  const state = findState(definition, status);
  return state ? pickText(language, state.label, state.label_en) : status;
}
