import { FileListInput } from "../shared/FileListInput";
import type { FieldInputProps } from "../types";
import { imageDefaultAccept, type ImageField } from "./definition";

export function ImageInput({ field, value, onChange, onBlur, disabled, id, language, loaders }: FieldInputProps<ImageField>) {
  return (
    <FileListInput
      id={id}
      value={value}
      onChange={onChange}
      onBlur={onBlur}
      disabled={disabled}
      language={language}
      loaders={loaders}
      accept={field.accept ?? imageDefaultAccept}
      maxCount={field.maxCount}
      listType="picture-card"
    />
  );
}
