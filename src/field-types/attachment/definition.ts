import { z } from "zod";
import { operatorSets } from "../operators";
import { limitsInOrder } from "../shared/configParts";
import { fileConfigParts } from "../shared/files";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { fileNamesText, noParts, notFromText } from "../shared/textForms";
import { everyTypeRoutines } from "../shared/sqlRoutines";

export const attachmentConfigSchema = z
  .strictObject({ ...fileConfigParts, minCount: z.int().min(0).optional() })
  .superRefine(limitsInOrder("minCount", "maxCount"));

export type AttachmentField = FieldOf<typeof attachmentConfigSchema>;

export const attachmentDefinition = {
  key: "attachment",
  label: { zh: "附件", en: "Attachment" },
  icon: "PaperClipOutlined",
  storage: "file[]",
  configSchema: attachmentConfigSchema,
  filterOperators: operatorSets.presence,
  sortable: false,
  searchable: false,
  multiple: false,
  holdsFiles: true,
  lookup: null,
  mask: "whole",
  sqlRoutines: [...everyTypeRoutines, "private.file_list_issue", "private.sync_record_attachments"],
  toText: fileNamesText,
  fromText: notFromText,
  partLabel: noParts,
} as const satisfies FieldTypeDefinition<typeof attachmentConfigSchema>;
