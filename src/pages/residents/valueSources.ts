// Where each of a person's values came from: the newest registry event that set it (its diff
// names the field), with its source (manual, a record, an import) and time.
import type { ResidentEventRow } from "@/data/residents";

export function valueSources(events: readonly ResidentEventRow[]): Map<string, ResidentEventRow> {
  const sources = new Map<string, ResidentEventRow>();
  const newestFirst = [...events].sort((a, b) => b.id - a.id);
  for (const event of newestFirst) {
    if (event.kind !== "created" && event.kind !== "updated") continue;
    for (const field of Object.keys(event.diff ?? {})) if (!sources.has(field)) sources.set(field, event);
  }
  return sources;
}
