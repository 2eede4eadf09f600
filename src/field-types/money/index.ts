import type { FieldType } from "../types";
import { moneyConfigSchema, moneyDefinition } from "./definition";
import { MoneyCell } from "./Cell";
import { MoneyInput } from "./Input";
import { validateMoney } from "./validate";

export const money = {
  ...moneyDefinition,
  validate: validateMoney,
  Input: MoneyInput,
  Cell: MoneyCell,
} satisfies FieldType<typeof moneyConfigSchema>;
