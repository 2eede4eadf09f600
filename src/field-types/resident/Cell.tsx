import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { ResidentField } from "./definition";

/** The person's name where the view knows it; the link opens their page (一人一档), where the registry's own rules decide what is shown. */
export function ResidentCell({ value, lookups, language }: FieldCellProps<ResidentField>) {
  if (typeof value !== "string" || value === "") return <>{emptyCellText}</>;
  const name = lookups?.residentName?.(value) ?? (language === "en" ? "Open the resident's record" : "查看居民档案");
  return <a href={`/residents/${value}`}>{name}</a>;
}
