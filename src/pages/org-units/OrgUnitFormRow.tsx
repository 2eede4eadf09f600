import { Form } from "antd";
import type { ReactNode } from "react";

type Props = { label: string; htmlFor: string; error?: string; extra?: ReactNode; children: ReactNode };

/** antd's Form.Item for layout only: react-hook-form owns the values; `error` is already in the reader's language. */
export function OrgUnitFormRow({ label, htmlFor, error, extra, children }: Props) {
  return (
    <Form.Item label={label} htmlFor={htmlFor} validateStatus={error ? "error" : undefined} help={error} extra={extra}>
      {children}
    </Form.Item>
  );
}
