import { z } from "zod";
import { operatorSets } from "../operators";
import { limitsInOrder } from "../shared/configParts";
import { fileConfigParts } from "../shared/files";
import type { FieldOf, FieldTypeDefinition } from "../types";
import { fileNamesText, noParts, notFromText } from "../shared/textForms";
import { everyTypeRoutines } from "../shared/sqlRoutines";

/** Images only; `accept` may narrow further, e.g. ["image/jpeg"] for 证件照. */
export const imageDefaultAccept = ["image/*"];

export const imageConfigSchema = z.strictObject({ ...fileConfigParts, minCount: z.int().min(0).optional() }).superRefine(limitsInOrder("minCount", "maxCount"));

export type ImageField = FieldOf<typeof imageConfigSchema>;

export const imageDefinition = {
  key: "image",
  label: { zh: "图片", en: "Image" },
  icon: "PictureOutlined",
  storage: "file[]",
  configSchema: imageConfigSchema,
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
} as const satisfies FieldTypeDefinition<typeof imageConfigSchema>;
