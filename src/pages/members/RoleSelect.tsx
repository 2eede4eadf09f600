import { Select } from "antd";
import { useDomainLabels } from "@/components/useDomainLabels";
import type { Role } from "@/lib/domain/access";

type Props = {
  id?: string;
  roles: readonly Role[];
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  onBlur?: () => void;
  invalid?: boolean;
  disabled?: boolean;
};

/** Picks one of the roles the administrator may grant at the chosen unit (controlled). */
export function RoleSelect({ id, roles, value, onChange, onBlur, invalid, disabled }: Props) {
  const { roleLabel } = useDomainLabels();
  return (
    <Select
      id={id}
      value={value}
      onChange={(next?: string) => onChange(next ?? undefined)}
      onBlur={onBlur}
      disabled={disabled}
      status={invalid ? "error" : undefined}
      aria-invalid={invalid}
      showSearch
      optionFilterProp="label"
      options={roles.map((role) => ({ value: role.key, label: roleLabel({ role_key: role.key, role_name: role.name, role_name_en: role.name_en }) }))}
      style={{ width: "100%" }}
    />
  );
}
