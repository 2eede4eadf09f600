import type { FieldType } from "../types";
import { attachmentConfigSchema, attachmentDefinition } from "./definition";
import { AttachmentCell } from "./Cell";
import { AttachmentInput } from "./Input";
import { validateAttachment } from "./validate";

export const attachment = {
  ...attachmentDefinition,
  validate: validateAttachment,
  Input: AttachmentInput,
  Cell: AttachmentCell,
} satisfies FieldType<typeof attachmentConfigSchema>;
