import { z } from "zod";
import { fieldIssue } from "../issue";
import type { FieldIssue, StoredFile } from "../types";

export const storedFileSchema = z.strictObject({
  path: z.string().min(1),
  name: z.string().min(1),
  size: z.number().int().min(0),
  mime: z.string(),
});

/** How an attachment is checked offline (线下核验): the original, a copy, or a photo of it. */
export const fileConfigParts = {
  /** MIME types ("image/*", "application/pdf") or extensions (".pdf") */
  accept: z.array(z.string().min(1)).optional(),
  maxCount: z.int().min(1).max(50).optional(),
  maxSizeMb: z.number().positive().max(100).optional(),
  docKind: z.string().optional(),
  docKind_en: z.string().optional(),
  verify: z.enum(["original", "copy", "photo"]).optional(),
};

export function fileMatchesAccept(file: StoredFile, accept: readonly string[]): boolean {
  const name = file.name.toLowerCase();
  const mime = file.mime.toLowerCase();
  return accept.some((rule) => {
    const r = rule.toLowerCase();
    if (r.startsWith(".")) return name.endsWith(r);
    if (r.endsWith("/*")) return mime.startsWith(r.slice(0, -1));
    return mime === r;
  });
}

interface FileRules {
  accept?: string[];
  maxCount?: number;
  maxSizeMb?: number;
}

/** Values are always arrays of stored files, even with maxCount 1, so storage has one shape. */
export function validateFiles(rules: FileRules, value: unknown): FieldIssue | null {
  if (!Array.isArray(value)) return fieldIssue("type");
  if (rules.maxCount !== undefined && value.length > rules.maxCount) return fieldIssue("max_items", { max: rules.maxCount });
  // reported on the field, not the file: the form shows one message under the upload box
  for (const item of value) {
    const parsed = storedFileSchema.safeParse(item);
    if (!parsed.success) return fieldIssue("type");
    if (rules.accept && !fileMatchesAccept(parsed.data, rules.accept)) return fieldIssue("file_type");
    if (rules.maxSizeMb !== undefined && parsed.data.size > rules.maxSizeMb * 1024 * 1024) {
      return fieldIssue("file_size", { max: rules.maxSizeMb });
    }
  }
  return null;
}

export function isStoredFileList(value: unknown): value is StoredFile[] {
  return Array.isArray(value) && value.every((item) => storedFileSchema.safeParse(item).success);
}
