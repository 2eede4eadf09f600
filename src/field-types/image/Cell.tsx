import { FileListCell } from "../shared/FileListCell";
import type { FieldCellProps } from "../types";
import type { ImageField } from "./definition";

/** Names, not thumbnails: thumbnails need signed URLs per row, too costly for a list page. */
export function ImageCell({ value, lookups }: FieldCellProps<ImageField>) {
  return <FileListCell value={value} lookups={lookups} />;
}
