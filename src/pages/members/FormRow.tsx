import { Form } from "antd";
import type { ReactNode } from "react";
import type { FieldError } from "react-hook-form";
import { useT, type TranslationKey } from "@/i18n";

type Props = { label: string; htmlFor: string; error?: FieldError; extra?: ReactNode; children: ReactNode };

/**
 * antd's Form.Item for layout only: react-hook-form owns the values. Rule messages are stored as
 * dictionary keys and translated here, so they follow a language switch.
 */
export function FormRow({ label, htmlFor, error, extra, children }: Props) {
  const t = useT();
  return (
    <Form.Item
      label={label}
      htmlFor={htmlFor}
      validateStatus={error ? "error" : undefined}
      help={error?.message ? t(error.message as TranslationKey) : undefined}
      extra={extra}
    >
      {children}
    </Form.Item>
  );
}
