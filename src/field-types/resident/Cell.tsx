import { pickText } from "@/contract";
import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { ResidentField } from "./definition";

/**
 * The person's name, linking to their page (一人一档); a person the reader may not read is said
 * to be hidden, with no link (their page would only say it again). Before the names arrive the
 * link says what it opens.
 */
export function ResidentCell({ value, lookups, language }: FieldCellProps<ResidentField>) {
  if (typeof value !== "string" || value === "") return <>{emptyCellText}</>;
  if (lookups?.residentHidden?.(value)) return <>{pickText(language, "无权查看", "Not yours to view")}</>;
  const name = lookups?.residentName?.(value) ?? pickText(language, "查看居民档案", "Open the resident's record");
  return <a href={`/residents/${value}`}>{name}</a>;
}
