import { PaperClipOutlined } from "@ant-design/icons";
import { Typography } from "antd";
import type { FieldLookups } from "../types";
import { isStoredFileList } from "./files";
import { emptyCellText } from "./labels";

/** File names as links; the signed URL is fetched on click because it expires. */
export function FileListCell({ value, lookups }: { value: unknown; lookups?: FieldLookups }) {
  if (!isStoredFileList(value) || value.length === 0) return <>{emptyCellText}</>;
  const open = (path: string) => {
    if (lookups?.fileUrl) void lookups.fileUrl(path).then((url) => window.open(url, "_blank", "noopener"));
  };
  return (
    <>
      {value.map((file) => (
        <div key={file.path}>
          <PaperClipOutlined /> {lookups?.fileUrl ? <Typography.Link onClick={() => open(file.path)}>{file.name}</Typography.Link> : file.name}
        </div>
      ))}
    </>
  );
}
