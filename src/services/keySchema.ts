import { z } from "zod";
import { msg } from "@/contract";

/** Keys become JSON keys in records.data and names in SQL; keep them boring. */
export const keySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, msg("key_format"))
  .max(40);

/** Text shown to people: at least one visible character. */
export const labelSchema = z.string().trim().min(1);
