import type { FieldDefault } from "./deriveSchema";
import { localIsoDate } from "./deriveValues";
import type { FieldDefinition } from "./fieldSchema";
import { intakeFields } from "./stages";

export interface DefaultContext {
  /** the signed-in user, for { currentUser: true } */
  userId?: string;
  now: Date;
}

/** ISO 8601 with the local offset, e.g. 2026-11-30T09:30:00+08:00 (as the datetime input stores it). */
function localIsoDateTime(now: Date): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, "0");
  const offset = -now.getTimezoneOffset();
  const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
  return `${localIsoDate(now)}T${time}${offset >= 0 ? "+" : "-"}${pad(offset / 60)}:${pad(offset % 60)}`;
}

function resolveDefault(value: FieldDefault, { userId, now }: DefaultContext): unknown {
  if (typeof value !== "object" || Array.isArray(value)) return value;
  if ("currentUser" in value) return userId;
  if ("now" in value) return localIsoDateTime(now);
  return localIsoDate(now);
}

/**
 * What the create form starts with: each intake field's `default` resolved (a constant, the
 * current user, now, today). The database fills the same defaults on insert for answers still
 * missing (private.fill_record_defaults), so a record made through the API gets them too. A
 * staged field's default is its transition dialog's starting value instead (transition_record
 * fills it the same way), never an intake answer.
 */
export function initialAnswers(fields: readonly FieldDefinition[], context: DefaultContext): Record<string, unknown> {
  return defaultAnswers(intakeFields(fields), context);
}

/** The given fields' defaults, resolved; derived fields have none. */
export function defaultAnswers(fields: readonly FieldDefinition[], context: DefaultContext): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.default === undefined || field.derive) continue;
    const value = resolveDefault(field.default, context);
    if (value !== undefined) answers[field.key] = value;
  }
  return answers;
}
