// The import wizard, one for the registry and for any service: upload (template, worker read) →
// map columns (pre-matched, remembered per target) → check every row in the browser with the
// target's rules, then the database's dry run in chunks → import the good rows in chunks of
// 1,000, each all-or-nothing, with progress and cancel → the result. Nothing is written before
// the user confirms, and the problems can be downloaded as a report to fix and upload again.
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Flex, Popconfirm, Progress, Result, Steps, Typography } from "antd";
import { useRef, useState } from "react";
import { Link } from "react-router";
import { fetchImportMapping, importChunk, saveImportMapping, type ImportTarget } from "@/data/dataImport";
import { useT } from "@/i18n";
import type { SheetTable } from "@/pages/sheet-import/sheetCells";
import { useErrorText } from "@/views/shared/useErrorText";
import { databaseProblems, dryRun, importInChunks, type ChunkTotals, type ImportRunResult } from "./chunkRunner";
import { mappingToSave, matchHeaders, type HeaderMapping, type ImportColumn } from "./importColumns";
import { importLimits } from "./importLimits";
import { convertRows, type RowConverter, type RowProblem } from "./importRows";
import { ImportUpload } from "./ImportUpload";
import { MappingStep } from "./MappingStep";
import { ProblemReport } from "./ProblemReport";

export interface ImportWizardProps<R extends { row: number }> {
  target: ImportTarget;
  title: string;
  intro: string;
  /** the template's file and sheet name */
  templateName: string;
  /** null while the lists behind them (codes, units) load */
  columns: readonly ImportColumn[] | null;
  /** why this target cannot be imported at all */
  blocked?: string | null;
  makeConverter(headers: readonly string[], mapping: HeaderMapping): RowConverter<R>;
  /** the column a database error key stands for */
  keyOf?: (column: string) => string;
  listPath: string;
}

type Checked<R> = { rows: R[]; problems: RowProblem[]; expect: ChunkTotals };
type Phase = { stage: "browser" | "database" | "import"; done: number; total: number };

const badRowsShown = 50;

export function ImportWizard<R extends { row: number }>({
  target,
  title,
  intro,
  templateName,
  columns,
  blocked,
  makeConverter,
  keyOf,
  listPath,
}: ImportWizardProps<R>) {
  const t = useT();
  const errorText = useErrorText();
  const remembered = useQuery({
    queryKey: ["cgs", "import-mapping", target],
    queryFn: () => fetchImportMapping(target),
    // a mapping that cannot be read is only a convenience lost
    retry: false,
  });
  const [step, setStep] = useState(0);
  const [table, setTable] = useState<SheetTable | null>(null);
  const [fileName, setFileName] = useState("");
  const [mapping, setMapping] = useState<HeaderMapping>([]);
  const [phase, setPhase] = useState<Phase | null>(null);
  const [checked, setChecked] = useState<Checked<R> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [result, setResult] = useState<ImportRunResult | null>(null);
  const [stopping, setStopping] = useState(false);
  const stop = useRef(false);
  const busy = phase !== null;
  const send = (batchId: string, dryRunOnly: boolean) => (rows: R[]) => importChunk(target, { batchId, rows, dryRun: dryRunOnly, fileName });

  const read = (next: SheetTable, name: string) => {
    if (!columns) return;
    setTable(next);
    setFileName(name);
    setMapping(matchHeaders(next.headers, columns, remembered.data ?? {}));
    setChecked(null);
    setResult(null);
    setFailure(null);
    setStep(1);
  };

  const check = async () => {
    if (!table || !columns) return;
    setStep(2);
    setChecked(null);
    setFailure(null);
    const total = table.rows.length;
    try {
      setPhase({ stage: "browser", done: 0, total });
      const converted = await convertRows(table.rows, makeConverter(table.headers, mapping), (done) => setPhase({ stage: "browser", done, total }));
      setPhase({ stage: "database", done: 0, total: converted.rows.length });
      stop.current = false;
      setStopping(false);
      const dry = await dryRun(
        converted.rows,
        importLimits.chunkRows,
        send(crypto.randomUUID(), true),
        (done) => setPhase({ stage: "database", done, total: converted.rows.length }),
        () => stop.current,
      );
      if (dry.stopped) {
        // nothing was written by a dry run: back to the columns
        setStep(1);
        setFailure(t("dataImport.check.cancelled"));
        return;
      }
      const refused = new Set(dry.errors.map((e) => e.row));
      const problems = [...converted.problems, ...databaseProblems(dry.errors, table.headers, mapping, columns, t("dataImport.check.wholeRow"), keyOf)];
      problems.sort((a, b) => a.rowNumber - b.rowNumber);
      setChecked({ rows: converted.rows.filter((row) => !refused.has(row.row)), problems, expect: dry });
    } catch (e) {
      setFailure(`${t("dataImport.check.failed")}${errorText(e)}`);
    } finally {
      setPhase(null);
    }
  };

  const run = async () => {
    if (!checked || !table) return;
    setStep(3);
    setFailure(null);
    stop.current = false;
    setStopping(false);
    const total = checked.rows.length;
    setPhase({ stage: "import", done: 0, total });
    // remembered for the next upload into this target; a refusal here does not stop the import
    await saveImportMapping(target, mappingToSave(table.headers, mapping)).catch(() => undefined);
    try {
      const outcome = await importInChunks(
        checked.rows,
        importLimits.chunkRows,
        send(crypto.randomUUID(), false),
        (done) => setPhase({ stage: "import", done, total }),
        () => stop.current,
      );
      if (outcome.errors.length > 0) {
        const late = databaseProblems(outcome.errors, table.headers, mapping, columns ?? [], t("dataImport.check.wholeRow"), keyOf);
        setChecked({ ...checked, problems: [...checked.problems, ...late].sort((a, b) => a.rowNumber - b.rowNumber) });
      }
      setResult(outcome);
      void remembered.refetch();
    } catch (e) {
      setFailure(`${t("dataImport.run.failed")}${errorText(e)} ${t("dataImport.run.partial")}`);
    } finally {
      setPhase(null);
    }
  };

  const restart = () => {
    setStep(0);
    setTable(null);
    setChecked(null);
    setResult(null);
    setFailure(null);
  };

  const badRows = checked ? [...new Set(checked.problems.map((p) => p.rowNumber))] : [];
  const percent = phase && phase.total > 0 ? Math.floor((phase.done / phase.total) * 100) : 0;
  const phaseText =
    phase &&
    t(phase.stage === "browser" ? "dataImport.check.browser" : phase.stage === "database" ? "dataImport.check.database" : "dataImport.run.progress", {
      done: phase.done.toLocaleString(),
      total: phase.total.toLocaleString(),
    });

  return (
    <Flex vertical gap={16}>
      <div>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <Link to={listPath}>{t("dataImport.back")}</Link>
        </Flex>
        <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>
      </div>
      <Steps
        current={step}
        size="small"
        items={[
          { title: t("dataImport.steps.upload") },
          { title: t("dataImport.steps.mapping") },
          { title: t("dataImport.steps.check") },
          { title: t("dataImport.steps.import") },
        ]}
      />
      {blocked && <Alert type="error" showIcon message={blocked} />}
      {step === 0 && !blocked && <ImportUpload columns={columns ?? []} templateName={templateName} onRead={read} disabled={!columns} />}
      {step > 0 && table && (
        <Alert
          type="info"
          showIcon
          message={t("dataImport.summary", { file: fileName, rows: table.rows.length.toLocaleString(), columns: table.headers.length })}
          description={table.unnamedColumns > 0 ? t("dataImport.unnamedColumns", { count: table.unnamedColumns }) : undefined}
          action={!busy && step < 3 && columns ? <ImportUpload compact columns={columns} templateName={templateName} onRead={read} /> : undefined}
        />
      )}
      {step === 1 && table && columns && (
        <MappingStep table={table} columns={columns} mapping={mapping} onChange={setMapping} onBack={restart} onNext={() => void check()} />
      )}
      {phase && (
        <Flex vertical gap={4} role="status" aria-live="polite">
          <Progress percent={percent} />
          <Typography.Text>{phaseText}</Typography.Text>
          {phase.stage !== "browser" && (
            <Button
              danger
              style={{ alignSelf: "start" }}
              disabled={stopping}
              onClick={() => {
                stop.current = true;
                setStopping(true);
              }}
            >
              {stopping ? t("dataImport.run.cancelling") : t(phase.stage === "database" ? "dataImport.check.cancel" : "dataImport.run.cancel")}
            </Button>
          )}
        </Flex>
      )}
      {failure && <Alert type="error" showIcon message={failure} />}
      {step === 2 && checked && table && (
        <>
          <Alert
            type={badRows.length > 0 ? "warning" : "success"}
            showIcon
            message={
              badRows.length > 0
                ? t("dataImport.check.someBad", { bad: badRows.length, good: checked.rows.length })
                : t("dataImport.check.allGood", { rows: checked.rows.length })
            }
            description={
              <>
                {badRows.length > 0 && (
                  <div>
                    {t("dataImport.check.badRows", { rows: badRows.slice(0, badRowsShown).join(t("records.list.separator")) })}
                    {badRows.length > badRowsShown && t("dataImport.check.more", { count: badRows.length })}
                  </div>
                )}
                {checked.rows.length > 0 && (
                  <div>
                    {target.kind === "residents"
                      ? t("dataImport.check.expect", { created: checked.expect.created, updated: checked.expect.updated, unchanged: checked.expect.unchanged })
                      : t("dataImport.check.expectRecords", { created: checked.expect.created })}
                  </div>
                )}
              </>
            }
          />
          {checked.problems.length > 0 && <ProblemReport table={table} fileName={fileName} problems={checked.problems} />}
          {checked.rows.length === 0 && <Alert type="error" showIcon message={t("dataImport.check.nothing")} />}
          <Flex gap={8} wrap>
            <Button onClick={() => setStep(1)}>{t("dataImport.check.fixFirst")}</Button>
            {checked.rows.length > 0 &&
              (badRows.length > 0 ? (
                <Popconfirm
                  title={t("dataImport.check.confirmSkip", { bad: badRows.length, good: checked.rows.length })}
                  okText={t("dataImport.importButton")}
                  cancelText={t("dataImport.check.fixFirst")}
                  onConfirm={() => void run()}
                >
                  <Button type="primary">{t("dataImport.check.importGood", { rows: checked.rows.length })}</Button>
                </Popconfirm>
              ) : (
                <Button type="primary" onClick={() => void run()}>
                  {t("dataImport.check.importAll", { rows: checked.rows.length })}
                </Button>
              ))}
          </Flex>
        </>
      )}
      {step === 3 && result && (
        <Result
          status={result.stopped ? "warning" : "success"}
          title={result.stopped ? t("dataImport.result.cancelled") : t("dataImport.result.title")}
          subTitle={
            <Flex vertical gap={4}>
              <span>
                {target.kind === "residents"
                  ? t("dataImport.result.residents", { created: result.created, updated: result.updated, unchanged: result.unchanged })
                  : t("dataImport.result.records", { created: result.created })}
              </span>
              {result.stopped && <span>{t("dataImport.run.progress", { done: result.done, total: checked?.rows.length ?? 0 })}</span>}
              {badRows.length > 0 && <span>{t("dataImport.result.skipped", { count: badRows.length })}</span>}
              {result.errors.length > 0 && <span>{t("dataImport.run.skippedLate", { count: new Set(result.errors.map((e) => e.row)).size })}</span>}
            </Flex>
          }
          extra={[
            <Link key="list" to={listPath}>
              <Button type="primary">{t("dataImport.result.toList")}</Button>
            </Link>,
            <Button key="again" onClick={restart}>
              {t("dataImport.result.again")}
            </Button>,
          ]}
        />
      )}
      {step === 3 && result && checked && checked.problems.length > 0 && table && (
        <ProblemReport table={table} fileName={fileName} problems={checked.problems} />
      )}
    </Flex>
  );
}
