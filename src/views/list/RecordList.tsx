import { FilterOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { useGetIdentity, useList, useNotification, useTable, type CrudFilter, type LogicalFilter } from "@refinedev/core";
import { Alert, Badge, Button, Flex, Input, Segmented, Space, Table, Typography, theme } from "antd";
import type { SorterResult } from "antd/es/table/interface";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { useT } from "@/i18n";
import type { Identity } from "@/data/myContext";
import { recordColumns, recordsResource, type RecordRow } from "@/data/records";
import { exactCountLimit, roundedEstimate } from "@/data/exactCountLimit";
import { searchRecordsByValue } from "@/data/searchRecordsByValue";
import { residentFieldKeys, residentIdsIn, useLookups, userFieldKeys, userIdsIn } from "../hooks/useLookups";
import { withLinkedPerson } from "../shared/linkedPerson";
import type { LoadedService } from "../hooks/useServiceByKey";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { isRecordOverdue } from "../shared/recordTiming";
import { serviceName } from "../shared/serviceName";
import { allRoleKeys, mayDo } from "../shared/servicePermissions";
import { useColumnLabel } from "../shared/useColumnLabel";
import { useErrorText } from "../shared/useErrorText";
import { ExactSearchDialog, rememberedSearchReason } from "./ExactSearchDialog";
import { exactSearchValue } from "./exactSearchValue";
import { ExportButton } from "./ExportButton";
import { FilterPanel } from "./FilterPanel";
import { keywordField, mineField, selectFor, toRecordFilters, toRecordSorters, type MineView } from "./recordListQuery";
import { RecordListScopeBanner } from "./RecordListScopeBanner";
import { useRecordListScope } from "./useRecordListScope";
import { useRecordListTotal } from "./useRecordListTotal";
import { useRecordTableColumns } from "./useRecordTableColumns";

/** No record has it: an exact search that found nothing lists nothing. */
const emptyId = "00000000-0000-0000-0000-000000000000";

/** One service's records: URL-synced paging, sorting, filters, keyword (a full ID number or phone: exact), 我发起的 / 我经办的; export; create. */
export function RecordList({ service }: { service: LoadedService }) {
  const { definition } = service;
  const t = useT();
  const language = useFieldLanguage();
  const name = serviceName(service, language);
  const errorText = useErrorText();
  const { open } = useNotification();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const { data: identity } = useGetIdentity<Identity>();
  const roles = allRoleKeys(identity?.memberships ?? []);
  const { columnLabel } = useColumnLabel(definition);
  const [showFilters, setShowFilters] = useState(false);
  // a search by a full ID number or phone: the ids the database found (blind index), or the value awaiting a reason
  const [exact, setExact] = useState<{ value: string; ids: string[] } | null>(null);
  const [awaitingReason, setAwaitingReason] = useState<string | null>(null);

  // useTable owns the state and keeps it in the URL (field keys, readable and stable); its own
  // query is off because the provider needs the translated filters below.
  const table = useTable<RecordRow>({
    resource: recordsResource,
    syncWithLocation: true,
    pagination: { pageSize: definition.list.pageSize },
    sorters: { initial: [definition.list.defaultSort] },
    filters: { defaultBehavior: "replace" },
    queryOptions: { enabled: false },
  });
  const { filters, sorters, setFilters, setSorters, currentPage, setCurrentPage, pageSize, setPageSize } = table;
  // unit subtree / overdue / state / dates from the URL (links from the cockpit)
  const listScope = useRecordListScope(definition);

  const providerFilters = useMemo<CrudFilter[]>(
    () => [
      { field: "service_id", operator: "eq", value: service.id },
      ...toRecordFilters(definition, filters, identity?.id, service.indexedFields),
      ...listScope.filters,
      ...(exact ? [{ field: "id", operator: "in" as const, value: exact.ids.length > 0 ? exact.ids : [emptyId] }] : []),
    ],
    [definition, filters, service.id, service.indexedFields, identity?.id, exact, listScope.filters],
  );
  const select = selectFor(recordColumns, providerFilters);
  const providerSorters = useMemo(
    () => toRecordSorters(definition, sorters.length > 0 ? sorters : [definition.list.defaultSort], service.indexedFields),
    [definition, sorters, service.indexedFields],
  );
  const { result, query } = useList<RecordRow>({
    resource: recordsResource,
    pagination: { currentPage, pageSize },
    filters: providerFilters,
    sorters: providerSorters,
    // count=estimated: exact up to db-max-rows (exactCountLimit, 50,000 visible records, by a
    // LIMIT 50,001 count over records_scope_idx), the planner's guess beyond, which
    // useRecordListTotal replaces with one from the caller's own units (docs/benchmarks.md).
    meta: { select, count: "estimated" },
    queryOptions: { placeholderData: (previous) => previous, enabled: !listScope.waiting },
  });

  const counted = useRecordListTotal(service.id, providerFilters, result.total);

  const userFields = useMemo(() => userFieldKeys(definition), [definition]);
  const residentFields = useMemo(() => residentFieldKeys(definition), [definition]);
  const rows = useMemo(() => result.data.map((row) => withLinkedPerson(row, residentFields[0])), [result.data, residentFields]);
  // one request per page for the names of the people resident fields name (those the reader reads)
  const lookups = useLookups(
    useMemo(() => userIdsIn(rows, userFields), [rows, userFields]),
    useMemo(() => residentIdsIn(rows, residentFields), [rows, residentFields]),
  );
  const now = useMemo(() => new Date(), [result.data]);
  const columns = useRecordTableColumns({ definition, serviceKey: service.key, sorters, lookups, now });

  const keyword = filters.find((f): f is LogicalFilter => "field" in f && f.field === keywordField)?.value;
  const conditionCount = filters.filter((f) => "field" in f && f.field !== keywordField).length;
  const searchable = definition.list.searchable.map(columnLabel).join(t("records.list.separator"));

  const mine = filters.find((f): f is LogicalFilter => "field" in f && f.field === mineField)?.value as MineView | undefined;
  const setMine = (view: MineView | "all") => {
    setFilters((previous) => [
      ...previous.filter((f) => !("field" in f) || f.field !== mineField),
      ...(view === "all" ? [] : [{ field: mineField, operator: "eq" as const, value: view }]),
    ]);
    setCurrentPage(1);
  };

  const searchExactly = async (value: string, reason: string) => {
    setAwaitingReason(null);
    try {
      setExact({ value, ids: await searchRecordsByValue(service.id, value, reason) });
      setCurrentPage(1);
    } catch (e) {
      open?.({ type: "error", message: t("records.list.exactTitle"), description: errorText(e) });
    }
  };

  const setKeyword = (value: string) => {
    // a full ID number or phone: found exactly by the database for those who may view sensitive data
    const full = mayDo(definition, roles, "view_sensitive") ? exactSearchValue(value) : null;
    if (full) {
      const reason = rememberedSearchReason();
      if (reason) void searchExactly(full, reason);
      else setAwaitingReason(full);
      return;
    }
    setExact(null);
    setFilters((previous) => [
      ...previous.filter((f) => !("field" in f) || f.field !== keywordField),
      ...(value.trim() ? [{ field: keywordField, operator: "contains" as const, value: value.trim() }] : []),
    ]);
    setCurrentPage(1);
  };
  const applyConditions = (conditions: LogicalFilter[]) => {
    setFilters((previous) => [...previous.filter((f) => "field" in f && f.field === keywordField), ...conditions]);
    setCurrentPage(1);
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {name}
        </Typography.Title>
        <Space wrap>
          {mayDo(definition, roles, "create") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/s/${service.key}/create`)}>
              {t("buttons.create")}
            </Button>
          )}
          {mayDo(definition, roles, "create") && (
            <Button icon={<UploadOutlined />} onClick={() => navigate(`/s/${service.key}/import`)}>
              {t("dataImport.importButton")}
            </Button>
          )}
          {mayDo(definition, roles, "export") && (
            <ExportButton
              definition={definition}
              serviceId={service.id}
              serviceName={name}
              filters={providerFilters}
              sorters={providerSorters}
              total={counted.total}
              mayUnmask={mayDo(definition, roles, "view_sensitive")}
            />
          )}
        </Space>
      </Flex>
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Segmented<MineView | "all">
          aria-label={t("records.list.mineLabel")}
          value={mine ?? "all"}
          onChange={setMine}
          options={[
            { value: "all", label: t("records.list.mineAll") },
            { value: "created", label: t("records.list.mineCreated") },
            { value: "handled", label: t("records.list.mineHandled") },
          ]}
        />
        {searchable && (
          <Input.Search
            aria-label={t("records.list.searchLabel")}
            placeholder={t("records.list.searchPlaceholder", { fields: searchable })}
            defaultValue={typeof keyword === "string" ? keyword : ""}
            allowClear
            onSearch={setKeyword}
            style={{ maxWidth: 420 }}
          />
        )}
        <Badge count={conditionCount} size="small">
          <Button icon={<FilterOutlined />} onClick={() => setShowFilters((open) => !open)} aria-expanded={showFilters}>
            {t("records.filters.title")}
          </Button>
        </Badge>
      </Flex>
      {exact && (
        <Alert
          type="info"
          showIcon
          message={t("records.list.exactFound", { value: exact.value, count: exact.ids.length })}
          action={
            <Button size="small" onClick={() => setExact(null)}>
              {t("records.list.exactClear")}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <ExactSearchDialog value={awaitingReason} onCancel={() => setAwaitingReason(null)} onSearch={(reason) => void searchExactly(awaitingReason!, reason)} />
      <RecordListScopeBanner state={listScope} />
      {showFilters && <FilterPanel definition={definition} filters={filters} onApply={applyConditions} />}
      {query.isError && <Alert type="error" showIcon message={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Table<RecordRow>
        rowKey="id"
        size="middle"
        scroll={{ x: "max-content" }}
        loading={query.isFetching}
        dataSource={rows}
        columns={columns}
        onRow={(record) => (isRecordOverdue(definition, record, now) ? { style: { background: token.colorErrorBg } } : {})}
        pagination={{
          current: currentPage,
          pageSize,
          total: counted.total,
          showSizeChanger: true,
          showTotal: (total) =>
            counted.estimated ? (
              <span title={t("recordCounts.aboutHint", { limit: exactCountLimit.toLocaleString() })}>
                {t("recordCounts.about", { total: roundedEstimate(total).toLocaleString() })}
              </span>
            ) : (
              t("records.list.total", { total })
            ),
        }}
        onChange={(pagination, _filters, sorter) => {
          const single = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<RecordRow> | undefined;
          const field = single?.order ? String(single.columnKey) : undefined;
          const next = field ? [{ field, order: single?.order === "ascend" ? ("asc" as const) : ("desc" as const) }] : [];
          if (JSON.stringify(next) !== JSON.stringify(sorters)) {
            setSorters(next);
            setCurrentPage(1);
            return;
          }
          if (pagination.pageSize && pagination.pageSize !== pageSize) setPageSize(pagination.pageSize);
          setCurrentPage(pagination.current ?? 1);
        }}
      />
    </>
  );
}
