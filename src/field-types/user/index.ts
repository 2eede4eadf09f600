import type { FieldType } from "../types";
import { userConfigSchema, userDefinition } from "./definition";
import { UserCell } from "./Cell";
import { lazyComponent } from "../shared/lazyComponent";
import { validateUser } from "./validate";

export const user = {
  ...userDefinition,
  validate: validateUser,
  Input: lazyComponent(() => import("./Input").then((m) => m.UserInput)),
  Cell: UserCell,
} satisfies FieldType<typeof userConfigSchema>;
