import type { FieldType } from "../types";
import { userConfigSchema, userDefinition } from "./definition";
import { UserCell } from "./Cell";
import { UserInput } from "./Input";
import { validateUser } from "./validate";

export const user = {
  ...userDefinition,
  validate: validateUser,
  Input: UserInput,
  Cell: UserCell,
} satisfies FieldType<typeof userConfigSchema>;
