// The errors a control shows: those whose path is the control's path or lies below it.
import type { DefinitionError } from "@/services/schema";

export function errorsAt(errors: readonly DefinitionError[], path: string): DefinitionError[] {
  return errors.filter((error) => error.path === path || error.path.startsWith(`${path}.`) || error.path.startsWith(`${path}[`));
}
