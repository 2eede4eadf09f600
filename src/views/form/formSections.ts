import { pickText, type Language } from "@/contract";
import type { FieldDefinition } from "@/services/schema";

/** Fields under one heading (none for fields before the first section), split into rows. */
export interface FormSection<F> {
  heading: string | null;
  /** one field full width, or two half-width fields side by side */
  rows: F[][];
}

type Laid = Pick<FieldDefinition, "section" | "section_en" | "width">;

/**
 * The form's layout from the fields' `section` and `width`: sections in order of first
 * appearance (a field naming an earlier section joins it), consecutive half-width fields paired.
 */
export function formSections<F extends Laid>(fields: readonly F[], language: Language): FormSection<F>[] {
  const sections = new Map<string, { heading: string | null; fields: F[] }>();
  for (const field of fields) {
    const name = field.section ?? "";
    let section = sections.get(name);
    if (!section) {
      section = { heading: field.section ? pickText(language, field.section, field.section_en) : null, fields: [] };
      sections.set(name, section);
    }
    section.fields.push(field);
  }
  return [...sections.values()].map(({ heading, fields: members }) => ({ heading, rows: pairHalves(members) }));
}

function pairHalves<F extends Laid>(fields: readonly F[]): F[][] {
  const rows: F[][] = [];
  for (const field of fields) {
    const last = rows.at(-1);
    if (field.width === "half" && last?.length === 1 && last[0].width === "half") last.push(field);
    else rows.push([field]);
  }
  return rows;
}
