import { useCallback } from "react";
import { fieldLabel } from "@/field-types";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { isSystemColumn, type SystemColumn } from "@/services/systemColumns";
import { useFieldLanguage } from "./fieldLanguage";

/** Header text for a list column, export column or diff line: field label or system column name. */
export function useColumnLabel(definition: ServiceDefinition) {
  const t = useT();
  const language = useFieldLanguage();
  const systemLabel = useCallback((column: SystemColumn) => t(`records.system.${column}`), [t]);
  const columnLabel = useCallback(
    (name: string) => {
      if (isSystemColumn(name)) return systemLabel(name);
      const field = definition.fields.find((f) => f.key === name);
      return field ? fieldLabel(field, language) : name;
    },
    [definition, language, systemLabel],
  );
  return { columnLabel, systemLabel };
}
