import type { Language } from "@/contract";
import type { ServiceDefinition } from "@/services/schema";
import { isSystemColumn } from "@/services/systemColumns";
import type { RecordRow } from "@/data/records";
import { maskedFieldText, type NameLookups } from "@/views/shared/fieldText";

/** How many of the list's leading field columns make a task recognisable. */
const summaryFields = 2;

/**
 * A line that tells tasks apart across services: the first answers of the service's list
 * columns (e.g. applicant name and masked ID number), masked like an export.
 */
export function taskSummary(definition: ServiceDefinition, record: RecordRow, language: Language, lookups: NameLookups): string {
  return definition.list.columns
    .filter((name) => !isSystemColumn(name))
    .flatMap((name) => {
      const field = definition.fields.find((f) => f.key === name);
      const text = field ? maskedFieldText(definition.key, field, record.data[name], language, lookups) : null;
      return text === null ? [] : [String(text)];
    })
    .slice(0, summaryFields)
    .join(" · ");
}
