import { DownloadOutlined } from "@ant-design/icons";
import { useDataProvider, useNotification, type CrudFilter, type CrudSort } from "@refinedev/core";
import { Button } from "antd";
import { useState } from "react";
import { useT } from "@/i18n";
import type { ServiceDefinition } from "@/services/schema";
import { recordColumns, recordsResource, type RecordRow } from "@/data/records";
import { useOrgUnits } from "../hooks/useOrgUnits";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { useColumnLabel } from "../shared/useColumnLabel";
import { useErrorText } from "../shared/useErrorText";
import { exportFileName, exportTable } from "./exportRows";

/** Pages well under PostgREST's max_rows (5000, supabase/config.toml). */
const pageSize = 1000;
/** A spreadsheet beyond this is a report, not a list export. */
const maxRows = 10_000;

interface ExportButtonProps {
  definition: ServiceDefinition;
  serviceName: string;
  /** exactly what the list shows: provider filters and sorters */
  filters: CrudFilter[];
  sorters: CrudSort[];
}

export function ExportButton({ definition, serviceName, filters, sorters }: ExportButtonProps) {
  const t = useT();
  const language = useFieldLanguage();
  const errorText = useErrorText();
  const { open } = useNotification();
  const dataProvider = useDataProvider();
  const units = useOrgUnits();
  const { columnLabel } = useColumnLabel(definition);
  const [running, setRunning] = useState(false);

  const run = async () => {
    setRunning(true);
    try {
      const provider = dataProvider();
      const records: RecordRow[] = [];
      let total = 0;
      for (let page = 1; records.length < maxRows; page++) {
        const result = await provider.getList<RecordRow>({
          resource: recordsResource,
          pagination: { currentPage: page, pageSize, mode: "server" },
          filters,
          sorters,
          meta: { select: recordColumns, count: "exact" },
        });
        records.push(...result.data);
        total = result.total;
        if (result.data.length < pageSize || records.length >= total) break;
      }
      const userIds = [...new Set(records.flatMap((r) => (r.assignee ? [r.assignee] : [])))];
      // the Supabase provider has getMany; without it names fall back to ids
      const profiles =
        userIds.length && provider.getMany
          ? (await provider.getMany<{ id: string; display_name: string }>({ resource: "profiles", ids: userIds, meta: { select: "id,display_name" } })).data
          : [];
      const names = new Map(profiles.map((p) => [p.id, p.display_name]));
      const table = exportTable(definition, records.slice(0, maxRows), {
        language,
        columnLabel,
        orgUnitName: (id) => units.byId.get(id)?.name,
        userName: (id) => names.get(id),
      });
      const { downloadWorkbook } = await import("./exportWorkbook");
      await downloadWorkbook(table, serviceName, exportFileName(serviceName, new Date()));
      open?.({
        type: total > maxRows ? "error" : "success",
        message: total > maxRows ? t("records.export.truncated", { count: maxRows }) : t("records.export.done", { count: table.rows.length }),
      });
    } catch (e) {
      open?.({ type: "error", message: t("records.export.failed"), description: errorText(e) });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={running} onClick={() => void run()}>
      {running ? t("records.export.running") : t("records.export.button")}
    </Button>
  );
}
