// 从表格创建服务: the sheet an admin already keeps becomes a service. Upload → confirm each proposed
// field → name it, pick its unit, and optionally import the rows as its first records. Rows are
// checked in the browser first with the engine's own validation; while any row fails, nothing is
// created or imported and the failing rows are listed by their Excel row numbers.
import { useNotification } from "@refinedev/core";
import { Alert, Button, Checkbox, Flex, Form, Input, Steps, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useLocale, useT } from "@/i18n";
import { fieldTypes } from "@/field-types";
import { parseServiceDefinition, type DefinitionError } from "@/services/schema";
import { toHttpError } from "@/lib/supabase/errors";
import { useErrorText } from "@/views/shared/useErrorText";
import { ScopeUnitSelect } from "../members/ScopeUnitSelect";
import { useAdminScope } from "../members/useAdminScope";
import { buildSheetDefinition } from "./buildSheetDefinition";
import { checkSheetRows, type SheetRowCheck } from "./checkSheetRows";
import { FieldProposalTable } from "./FieldProposalTable";
import { inferFields, retypeProposal, type ProposedField } from "./inferFields";
import { RowProblemReport } from "./RowProblemReport";
import type { SheetTable } from "./sheetCells";
import { sheetLimits } from "./sheetLimits";
import { SheetUpload } from "./SheetUpload";
import { useSheetServiceCreate } from "./useSheetServiceCreate";

type Step = 0 | 1 | 2;

const sameHeaders = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((header, i) => header === b[i]);

export default function SheetServicePage() {
  const t = useT();
  const english = useLocale() === "en";
  const navigate = useNavigate();
  const errorText = useErrorText();
  const { open } = useNotification();
  const scope = useAdminScope();
  const ownerUnits = scope.scopeUnits.filter((unit) => unit.level !== "grid");
  const { created, createDraft, createAndImport } = useSheetServiceCreate();

  const [step, setStep] = useState<Step>(0);
  const [table, setTable] = useState<SheetTable | null>(null);
  const [fileName, setFileName] = useState("");
  const [fields, setFields] = useState<ProposedField[]>([]);
  const [name, setName] = useState("");
  const [chosenUnit, setChosenUnit] = useState<string | undefined>();
  const [importRows, setImportRows] = useState(true);
  const [check, setCheck] = useState<SheetRowCheck | null>(null);
  const [definitionErrors, setDefinitionErrors] = useState<DefinitionError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unitId = chosenUnit ?? ownerUnits.find((unit) => scope.adminUnitIds.includes(unit.id))?.id ?? ownerUnits[0]?.id;

  const rowCount = table?.rows.length ?? 0;
  const importable = rowCount <= sheetLimits.importRows;
  const importing = importRows && importable;

  const read = (next: SheetTable, file: string) => {
    // a corrected copy of the same sheet keeps the choices already confirmed
    const keep = table !== null && sameHeaders(table.headers, next.headers);
    if (keep) {
      // the corrected rows may hold a choice the first copy did not
      const values = (column: number) => next.rows.map((row) => row.cells[column] ?? null);
      setFields(fields.map((field, column) => (field.options ? retypeProposal(field, field.type, values(column)) : field)));
    }
    setTable(next);
    setFileName(file);
    setCheck(null);
    setFailure(null);
    if (!keep) {
      setFields(
        inferFields(
          next.headers,
          next.rows.map((row) => row.cells),
        ),
      );
      setName(file.replace(/\.xlsx$/i, "").trim() || next.name);
      setStep(1);
    }
  };

  const submit = async (skipBadRows: boolean) => {
    if (!table || !unitId) return;
    setFailure(null);
    setDefinitionErrors([]);
    setCheck(null);
    const definition = buildSheetDefinition({ name: name.trim(), sourceName: fileName, fields });
    const parsed = parseServiceDefinition(definition, fieldTypes);
    if (!parsed.ok) {
      setDefinitionErrors(parsed.errors);
      return;
    }
    const rowCheck = importing ? checkSheetRows(parsed.definition, table) : null;
    if (rowCheck && rowCheck.badRows.length > 0 && !skipBadRows) {
      setCheck(rowCheck);
      return;
    }
    setBusy(true);
    try {
      if (!rowCheck) {
        const service = await createDraft(definition, unitId);
        open?.({ type: "success", message: t("sheetImport.created", { name: service.name }) });
        navigate(`/services/${service.id}/design`);
        return;
      }
      const { service, count } = await createAndImport(definition, parsed.definition, unitId, rowCheck.records);
      open?.({ type: "success", message: t("sheetImport.imported", { name: service.name, count }) });
      navigate(`/s/${service.key}`);
    } catch (e) {
      // query_canceled: the one insert ran past the API's statement_timeout and was rolled back
      setFailure(toHttpError(e).code === "57014" ? t("sheetImport.timeout") : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={3}>{t("sheetImport.title")}</Typography.Title>
        <Typography.Paragraph type="secondary">{t("sheetImport.intro")}</Typography.Paragraph>
      </div>
      <Steps
        current={step}
        size="small"
        items={[{ title: t("sheetImport.steps.upload") }, { title: t("sheetImport.steps.fields") }, { title: t("sheetImport.steps.create") }]}
      />
      {step === 0 && <SheetUpload onRead={read} />}
      {step > 0 && table && (
        <Alert
          type="info"
          showIcon
          message={t("sheetImport.sheetSummary", { file: fileName, sheet: table.name, row: table.headerRow, columns: table.headers.length, rows: rowCount })}
          description={table.unnamedColumns > 0 ? t("sheetImport.unnamedColumns", { count: table.unnamedColumns }) : undefined}
        />
      )}
      {step === 1 && table && (
        <>
          <Typography.Paragraph>{t("sheetImport.fieldsHint")}</Typography.Paragraph>
          <FieldProposalTable fields={fields} table={table} onChange={setFields} />
          <Flex gap={8}>
            <Button onClick={() => setStep(0)} disabled={created !== null}>
              {t("sheetImport.back")}
            </Button>
            <Button type="primary" onClick={() => setStep(2)}>
              {t("sheetImport.next")}
            </Button>
          </Flex>
        </>
      )}
      {step === 2 && table && (
        <>
          <Form layout="vertical" style={{ maxWidth: 560 }} onFinish={() => void submit(false)}>
            <Form.Item label={t("sheetImport.name")} htmlFor="sheet-service-name" required>
              <Input id="sheet-service-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} disabled={created !== null} />
            </Form.Item>
            <Form.Item label={t("sheetImport.unit")} htmlFor="sheet-service-unit" extra={t("sheetImport.unitHint")} required>
              <ScopeUnitSelect id="sheet-service-unit" units={ownerUnits} value={unitId} onChange={setChosenUnit} disabled={created !== null} />
            </Form.Item>
            <Form.Item extra={t("sheetImport.importHint")}>
              <Checkbox checked={importing} onChange={(e) => setImportRows(e.target.checked)} disabled={created !== null || !importable}>
                {t("sheetImport.importRows", { count: rowCount })}
              </Checkbox>
              {!importable && <Alert type="warning" showIcon message={t("sheetImport.tooManyToImport", { count: rowCount, max: sheetLimits.importRows })} />}
            </Form.Item>
            {!scope.isLoading && ownerUnits.length === 0 && <Alert type="warning" showIcon message={t("sheetImport.noUnit")} style={{ marginBottom: 16 }} />}
            <Flex gap={8}>
              <Button
                onClick={() => {
                  // the report belongs to the fields as they were; changed fields are checked anew
                  setCheck(null);
                  setStep(1);
                }}
                disabled={created !== null}
              >
                {t("sheetImport.back")}
              </Button>
              <Button type="primary" htmlType="submit" loading={busy} disabled={name.trim() === "" || !unitId}>
                {importing ? t("sheetImport.createAndImport", { count: rowCount }) : t("sheetImport.create")}
              </Button>
            </Flex>
          </Form>
          {definitionErrors.length > 0 && (
            <Alert
              type="error"
              showIcon
              message={t("sheetImport.definitionInvalid")}
              description={
                <ul>
                  {definitionErrors.map((error) => (
                    <li key={`${error.path}-${error.code}`}>
                      {error.path}: {english ? error.message_en : error.message_zh}
                    </li>
                  ))}
                </ul>
              }
            />
          )}
          {failure && (
            <Alert
              type="error"
              showIcon
              message={importing ? t("sheetImport.importFailed") : t("sheetImport.failed")}
              description={created ? `${failure} ${t("sheetImport.alreadyCreated", { name: created.name })}` : failure}
            />
          )}
          {check && <RowProblemReport check={check} fileName={fileName} busy={busy} onSkip={() => void submit(true)} onReupload={read} />}
        </>
      )}
    </Flex>
  );
}
