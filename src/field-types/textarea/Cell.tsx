import { Typography } from "antd";
import { emptyCellText } from "../shared/labels";
import type { FieldCellProps } from "../types";
import type { TextareaField } from "./definition";

/** Long text is cut to two lines in lists; the full text is one hover away. */
export function TextareaCell({ value }: FieldCellProps<TextareaField>) {
  if (typeof value !== "string" || value === "") return <>{emptyCellText}</>;
  return (
    <Typography.Paragraph ellipsis={{ rows: 2, tooltip: value }} style={{ marginBottom: 0, whiteSpace: "pre-wrap" }}>
      {value}
    </Typography.Paragraph>
  );
}
