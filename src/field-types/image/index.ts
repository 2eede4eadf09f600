import type { FieldType } from "../types";
import { imageConfigSchema, imageDefinition } from "./definition";
import { ImageCell } from "./Cell";
import { ImageInput } from "./Input";
import { validateImage } from "./validate";

export const image = {
  ...imageDefinition,
  validate: validateImage,
  Input: ImageInput,
  Cell: ImageCell,
} satisfies FieldType<typeof imageConfigSchema>;
