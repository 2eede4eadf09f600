// The sheet's rows as records, through the same validation a form save goes through
// (validateRecordData; the database's trigger checks again on insert). A row with any problem is
// reported by its Excel row number and column, so the admin can find and fix it in their sheet.
import { fieldTypes, getFieldType } from "@/field-types";
import { validateRecordData } from "@/services/validateRecord";
import type { FieldDefinition, ServiceDefinition } from "@/services/schema";
import { cellDate } from "./inferFields";
import { cellText, isBlankCell, yesNoCell, type SheetCell, type SheetTable } from "./sheetCells";

export interface RowProblem {
  /** as Excel numbers it */
  rowNumber: number;
  /** the column's header */
  column: string;
  message_zh: string;
  message_en: string;
}

export interface SheetRecord {
  rowNumber: number;
  data: Record<string, unknown>;
}

export interface SheetRowCheck {
  /** rows without problems, ready to insert */
  records: SheetRecord[];
  problems: RowProblem[];
  /** Excel row numbers of the rows with problems */
  badRows: number[];
}

type Answer = { value: unknown } | { problem: Omit<RowProblem, "rowNumber" | "column"> };

const listSeparators = /[、,，;；]/;

/**
 * Sheets write answers their own way (2024/3/5, 有/无, √, an ID number typed as a number), so
 * the sheet's usual forms are read first; whatever is left goes through the type's own fromText.
 */
function cellAnswer(service: string, field: FieldDefinition, cell: SheetCell): Answer | null {
  if (isBlankCell(cell)) return null;
  const text = cellText(cell);
  const type = getFieldType(service, field.key, field.type);
  if (field.type === "id_number" && typeof cell === "number") {
    return {
      problem: {
        message_zh: `身份证号「${text}」在 Excel 中被存成了数字，末位已丢失；请把该列设为文本后重新录入`,
        message_en: `The ID number "${text}" was stored as a number in Excel and lost its last digits; set the column to text and type it again`,
      },
    };
  }
  if (field.type === "date") return { value: cellDate(cell, true) ?? text };
  if (field.type === "boolean") return { value: yesNoCell(cell) ?? type.fromText(field, text) ?? text };
  if (field.type === "id_number") return { value: text.replace(/\s+/g, "").toUpperCase() };
  if (field.type === "phone") {
    // a mobile written 138-1234-5678 loses its hyphens; a landline keeps the one after its area code
    const tidy = text.replace(/\s+/g, "");
    return { value: /^1[\d-]+$/.test(tidy) ? tidy.replace(/-/g, "") : tidy };
  }
  if (typeof cell === "number" && type.storage === "number") return { value: cell };
  if (type.multiple) return { value: text.split(listSeparators).map((part) => type.fromText(field, part.trim()) ?? part.trim()) };
  const value = type.fromText(field, text);
  if (value !== undefined) return { value };
  return {
    problem: {
      message_zh: `「${text}」无法作为${type.label.zh}导入`,
      message_en: `"${text}" cannot be imported as ${type.label.en}`,
    },
  };
}

/** Checks every row; `definition` must be parsed (parseServiceDefinition) from the sheet's fields, in column order. */
export function checkSheetRows(definition: ServiceDefinition, table: SheetTable, now = new Date()): SheetRowCheck {
  const labelOf = new Map(definition.fields.map((field) => [field.key, field.label]));
  const records: SheetRecord[] = [];
  const problems: RowProblem[] = [];
  const badRows: number[] = [];
  for (const { rowNumber, cells } of table.rows) {
    const data: Record<string, unknown> = {};
    const rowProblems: RowProblem[] = [];
    definition.fields.forEach((field, column) => {
      const answer = cellAnswer(definition.key, field, cells[column] ?? null);
      if (answer === null) return;
      if ("problem" in answer) rowProblems.push({ rowNumber, column: field.label, ...answer.problem });
      else data[field.key] = answer.value;
    });
    const unread = new Set(rowProblems.map((problem) => problem.column));
    for (const issue of validateRecordData(definition, data, { fieldTypes, now })) {
      const key = issue.field.split(/[.[]/)[0];
      const column = labelOf.get(key) ?? issue.field;
      // a cell that could not be read is reported once, not again as "required"
      if (!unread.has(column)) rowProblems.push({ rowNumber, column, message_zh: issue.message_zh, message_en: issue.message_en });
    }
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      badRows.push(rowNumber);
    } else {
      records.push({ rowNumber, data });
    }
  }
  return { records, problems, badRows };
}
