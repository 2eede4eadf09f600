import { UploadOutlined } from "@ant-design/icons";
import { Button, Upload, type UploadFile } from "antd";
import { useState } from "react";
import type { FieldLoaders, Language, StoredFile } from "../types";
import { isStoredFileList } from "./files";
import { pickText } from "@/contract";

interface FileListInputProps {
  id?: string;
  value: unknown;
  onChange(value: unknown): void;
  onBlur(): void;
  disabled?: boolean;
  language?: Language;
  loaders: FieldLoaders;
  accept?: string[];
  maxCount?: number;
  listType: "text" | "picture-card";
}

/**
 * Uploads go straight to Storage through the injected loader; the form value holds only
 * stored-file descriptors, so a record never contains file bytes or local blobs.
 */
export function FileListInput({ id, value, onChange, onBlur, disabled, language, loaders, accept, maxCount, listType }: FileListInputProps) {
  const stored: StoredFile[] = isStoredFileList(value) ? value : [];
  const [pending, setPending] = useState<UploadFile[]>([]);
  const fileList: UploadFile[] = [
    ...stored.map((file) => ({ uid: file.path, name: file.name, status: "done" as const, size: file.size, type: file.mime })),
    ...pending,
  ];
  const full = maxCount !== undefined && fileList.length >= maxCount;
  return (
    <div id={id}>
      <Upload
        listType={listType}
        fileList={fileList}
        accept={accept?.join(",")}
        multiple={maxCount !== 1}
        disabled={disabled}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          const uid = `pending-${file.name}-${file.lastModified}`;
          setPending((rows) => [...rows, { uid, name: file.name, status: "uploading" }]);
          loaders.uploadFile(file).then(
            (saved) => {
              setPending((rows) => rows.filter((row) => row.uid !== uid));
              onChange([...stored, saved]);
              onBlur();
              onSuccess?.(saved);
            },
            (error: unknown) => {
              setPending((rows) => rows.map((row) => (row.uid === uid ? { ...row, status: "error" } : row)));
              onError?.(error instanceof Error ? error : new Error(String(error)));
            },
          );
        }}
        onRemove={(file) => {
          if (file.uid.startsWith("pending-")) setPending((rows) => rows.filter((row) => row.uid !== file.uid));
          else {
            const rest = stored.filter((row) => row.path !== file.uid);
            onChange(rest.length === 0 ? null : rest);
            onBlur();
          }
        }}
        onPreview={(file) => {
          if (!file.uid.startsWith("pending-")) void loaders.fileUrl(file.uid).then((url) => window.open(url, "_blank", "noopener"));
        }}
      >
        {full || disabled ? null : listType === "picture-card" ? (
          <span>
            <UploadOutlined /> {pickText(language, "上传", "Upload")}
          </span>
        ) : (
          <Button icon={<UploadOutlined />}>{pickText(language, "上传文件", "Upload file")}</Button>
        )}
      </Upload>
    </div>
  );
}
