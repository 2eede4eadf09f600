import { Select } from "antd";
import { useEffect, useRef, useState } from "react";
import { pickText } from "@/contract";
import type { FieldInputProps, UserOption } from "../types";
import type { UserField } from "./definition";

/** Waits for a pause in typing so each keystroke does not become a request. */
const searchDelayMs = 300;

export function UserInput({ field, value, onChange, onBlur, disabled, status, id, language, loaders }: FieldInputProps<UserField>) {
  const [options, setOptions] = useState<UserOption[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const search = (query: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const ticket = ++latest.current;
      setLoading(true);
      loaders
        .searchUsers(query)
        .then(
          (rows) => ticket === latest.current && setOptions(rows),
          () => ticket === latest.current && setOptions([]),
        )
        .finally(() => ticket === latest.current && setLoading(false));
    }, searchDelayMs);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  return (
    <Select
      id={id}
      showSearch
      filterOption={false}
      onSearch={search}
      onFocus={() => options.length === 0 && search("")}
      value={typeof value === "string" ? value : undefined}
      onChange={(next?: string) => onChange(next ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      status={status}
      loading={loading}
      allowClear
      options={options.map((user) => ({ value: user.id, label: user.description ? `${user.name}（${user.description}）` : user.name }))}
      placeholder={field.placeholder ? pickText(language, field.placeholder, field.placeholder_en) : pickText(language, "输入姓名搜索", "Type a name")}
      style={{ width: "100%" }}
    />
  );
}
