import dayjs from "dayjs";
import { isIsoDateTime } from "../shared/dates";
import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { DatetimeField } from "./definition";

export function DatetimeCell({ value }: FieldCellProps<DatetimeField>) {
  if (typeof value !== "string" || value === "") return <>{emptyCellText}</>;
  return <>{isIsoDateTime(value) ? dayjs(value).format("YYYY-MM-DD HH:mm") : value}</>;
}
