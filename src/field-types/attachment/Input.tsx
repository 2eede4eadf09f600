import { FileListInput } from "../shared/FileListInput";
import type { FieldInputProps } from "../types";
import type { AttachmentField } from "./definition";

export function AttachmentInput({ field, value, onChange, onBlur, disabled, id, language, loaders }: FieldInputProps<AttachmentField>) {
  return (
    <FileListInput
      id={id}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      disabled={disabled}
      language={language}
      loaders={loaders}
      accept={field.accept}
      maxCount={field.maxCount}
      listType="text"
    />
  );
}
