import { FileListCell } from "../shared/FileListCell";
import type { FieldCellProps } from "../types";
import type { AttachmentField } from "./definition";

export function AttachmentCell({ value, lookups }: FieldCellProps<AttachmentField>) {
  return <FileListCell value={value} lookups={lookups} />;
}
