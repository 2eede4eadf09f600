// The work calendar (public holidays and 调休 working days) as the admin page reads and writes it
// through the Refine data provider; its key is `day`, not `id` (meta.idColumnName).
import type { Database } from "./database.types";

export const workCalendarResource = "work_calendar";

export type WorkCalendarDay = Database["public"]["Tables"]["work_calendar"]["Row"] & { kind: WorkCalendarKind };
export type WorkCalendarKind = "holiday" | "workday";
