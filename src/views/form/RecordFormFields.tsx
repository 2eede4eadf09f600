import { Col, Row, Typography } from "antd";
import type { ReactNode } from "react";
import type { Control } from "react-hook-form";
import type { Language } from "@/contract";
import type { FieldLoaders } from "@/field-types";
import { useT } from "@/i18n";
import { isFieldRequired } from "@/services/conditions";
import { localIsoDate } from "@/services/deriveValues";
import type { FieldDefinition } from "@/services/schema";
import { formSections } from "./formSections";
import { RecordFieldControl } from "./RecordFieldControl";
import { holdsReusedFiles } from "./residentPrefill";
import type { RecordFormValues } from "./recordResolver";
import type { ResidentPrefill } from "./useResidentPrefill";

/** Types whose answers are files: reused as copies, tagged while a copy is kept. */
const fileTypes: ReadonlySet<string> = new Set(["attachment", "image"]);

interface RecordFormFieldsProps {
  serviceKey: string;
  /** the fields to show (visible, at their stage), in definition order */
  fields: readonly FieldDefinition[];
  control: Control<RecordFormValues>;
  /** the answers with derived values computed */
  data: Readonly<Record<string, unknown>>;
  visible: ReadonlySet<string>;
  language: Language;
  loaders: FieldLoaders;
  /** editing: the record's unit is set once, when it is created */
  editing: boolean;
  /** what a picked resident filled (the record form; the designer's preview has none) */
  prefill?: ResidentPrefill;
  /** shown under a field's input, by field key (the duplicate notice under the resident field) */
  fieldExtras?: Readonly<Record<string, ReactNode>>;
}

/**
 * The answers part of the record form, laid out by section and width: a heading per section,
 * half-width fields two to a row from 576 px up (one column on a phone). The designer's preview
 * renders this same component, so what the admin sees is what staff get.
 */
export function RecordFormFields({ serviceKey, fields, control, data, visible, language, loaders, editing, prefill, fieldExtras }: RecordFormFieldsProps) {
  const t = useT();
  return (
    <>
      {formSections(fields, language).map((section, index) => (
        <section key={section.heading ?? `untitled-${index}`} aria-label={section.heading ?? undefined}>
          {section.heading && (
            <Typography.Title level={5} style={{ marginTop: index === 0 ? 0 : 8 }}>
              {section.heading}
            </Typography.Title>
          )}
          {section.rows.map((row) => (
            <Row key={row.map((field) => field.key).join("+")} gutter={16}>
              {row.map((field) => (
                <Col key={field.key} xs={24} sm={field.width === "half" ? 12 : 24}>
                  <RecordFieldControl
                    serviceKey={serviceKey}
                    field={field}
                    name={`data.${field.key}`}
                    control={control}
                    required={!field.derive && isFieldRequired(field, data, visible)}
                    language={language}
                    loaders={loaders}
                    derivedValue={data[field.key]}
                    derivedNote={t(field.derive?.fn === "age" ? "records.form.derivedAge" : "records.form.derived")}
                    disabled={editing && field.recordUnit === true}
                    prefill={
                      // a reused file removed or replaced is no longer the previous application's
                      prefill && field.key in prefill.values && (!fileTypes.has(field.type) || holdsReusedFiles(data[field.key], prefill.values[field.key]))
                        ? {
                            value: prefill.values[field.key],
                            writable: prefill.writable(field.key),
                            writeBack: prefill.writeBack.has(field.key),
                            setWriteBack: (on: boolean) => prefill.setWriteBack(field.key, on),
                            previous:
                              prefill.previous && prefill.reused(field.key)
                                ? { href: `/s/${serviceKey}/show/${prefill.previous.id}`, date: localIsoDate(new Date(prefill.previous.createdAt)) }
                                : undefined,
                          }
                        : undefined
                    }
                  />
                  {fieldExtras?.[field.key]}
                </Col>
              ))}
            </Row>
          ))}
        </section>
      ))}
    </>
  );
}
