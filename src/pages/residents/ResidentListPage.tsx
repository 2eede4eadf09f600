// 居民档案: the people registered in the reader's area (RLS: their grids, or records they took part
// in), masked as the API gives them. Filters (unit subtree, current tags, age band) and the page
// live in the URL so the way back from a person keeps them; an exact search by a full ID number or
// phone asks for a reason (logged by the database) and is kept only in memory, never in the URL.
import { UploadOutlined } from "@ant-design/icons";
import { useGetIdentity } from "@refinedev/core";
import { useQuery } from "@tanstack/react-query";
import { Alert, Button, Flex, Input, InputNumber, Select, Space, Table, Tag, Tooltip, TreeSelect, Typography } from "antd";
import { useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { listResidents, searchResidentsByValue, type ResidentListRow, type ResidentSearch } from "@/data/residents";
import type { Identity } from "@/data/myContext";
import { buildOrgUnitTree } from "@/field-types/org_unit/orgUnitTree";
import { useT } from "@/i18n";
import { useOrgUnits } from "@/views/hooks/useOrgUnits";
import { useUnitLabel } from "@/views/hooks/useUnitLabel";
import { ExactSearchDialog, rememberedSearchReason } from "@/views/list/ExactSearchDialog";
import { useErrorText } from "@/views/shared/useErrorText";
import { classifyResidentSearch } from "./classifyResidentSearch";
import { ResidentExportButton } from "./ResidentExportButton";
import { ResidentFormModal } from "./ResidentFormModal";
import { beijingToday } from "./residentInput";
import { currentTagKeys } from "./residentTags";
import { useRegistryLabels } from "./useRegistryLabels";
import { useRegistryPermissions } from "./useRegistryPermissions";
import { addressBarParams } from "@/lib/addressBarParams";

const pageSize = 20;
type AgeBand = "60" | "80" | "custom";

const positiveInt = (value: string | null) => (value !== null && /^\d{1,3}$/.test(value) ? Number(value) : undefined);

export function ResidentListPage() {
  const t = useT();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const labels = useRegistryLabels();
  const unitLabel = useUnitLabel();
  const units = useOrgUnits();
  const { canEdit, canViewSensitive } = useRegistryPermissions();
  const { data: identity } = useGetIdentity<Identity>();
  const [params, setParams] = useSearchParams();
  const today = beijingToday();
  const thisYear = Number(today.slice(0, 4));

  const unitId = params.get("unit") ?? undefined;
  const tagKeys = params.getAll("tag");
  const ageBand = (["60", "80", "custom"] as const).find((band) => band === params.get("age"));
  const minAge = ageBand === "custom" ? positiveInt(params.get("min")) : ageBand ? Number(ageBand) : undefined;
  const maxAge = ageBand === "custom" ? positiveInt(params.get("max")) : undefined;
  const text = params.get("q") ?? "";
  const page = Math.max(1, positiveInt(params.get("page")) ?? 1);

  // An exact search's result: ids only, for this visit (the searched value is never in the URL).
  const [exact, setExact] = useState<{ value: string; ids: string[] } | null>(null);
  const [pendingExact, setPendingExact] = useState<string | null>(null);
  const [exactError, setExactError] = useState<string | null>(null);
  const [typed, setTyped] = useState(text);
  const [creating, setCreating] = useState(false);

  const update = (change: Record<string, string | string[] | undefined>) => {
    const next = addressBarParams();
    for (const [key, value] of Object.entries(change)) {
      next.delete(key);
      for (const v of Array.isArray(value) ? value : value === undefined || value === "" ? [] : [value]) next.append(key, v);
    }
    if (!("page" in change)) next.delete("page");
    setParams(next, { replace: true });
  };

  const classified = classifyResidentSearch(text);
  const search: ResidentSearch | undefined = exact
    ? { kind: "ids", ids: exact.ids }
    : classified.kind === "initials" || classified.kind === "masked" || classified.kind === "name"
      ? classified
      : undefined;

  const unitPath = unitId ? units.byId.get(unitId)?.path : undefined;
  // sensitive kinds (低保, 残疾人 …) only for a role with view_sensitive: the database shows nobody else such tags
  const stored = labels.tagKinds.filter((kind) => kind.min_age === null && (canViewSensitive || !kind.sensitive));
  const query = {
    unitPath,
    tagKeys,
    minAge,
    maxAge,
    search,
    today,
    page: page - 1,
    pageSize,
  };
  const residents = useQuery({
    queryKey: ["cgs", "residents", query],
    queryFn: () => listResidents(query),
    enabled: !unitId || unitPath !== undefined,
    placeholderData: (previous) => previous,
  });

  // The reader's own units and everything below them: where their residents can be.
  const treeData = useMemo(() => {
    const mine = (identity?.memberships ?? []).map((m) => m.org_unit_id);
    const inScope = units.rows.filter((unit) => mine.some((id) => unit.path.split(".").includes(id)));
    return buildOrgUnitTree(inScope);
  }, [identity, units.rows]);

  const runExact = async (value: string, reason: string) => {
    setPendingExact(null);
    setExactError(null);
    try {
      setExact({ value, ids: await searchResidentsByValue(value, reason) });
      update({ q: undefined });
    } catch (error) {
      setExactError(errorText(error));
    }
  };

  const submitSearch = (value: string) => {
    const next = classifyResidentSearch(value);
    setExact(null);
    setExactError(null);
    if (next.kind === "exact") {
      const reason = rememberedSearchReason();
      if (reason) void runExact(next.value, reason);
      else setPendingExact(next.value);
      setTyped("");
      return;
    }
    update({ q: value.trim() || undefined });
  };

  const columns = [
    {
      title: t("residents.columns.name"),
      dataIndex: "name",
      render: (name: string, row: ResidentListRow) => <Link to={`/residents/${row.id}`}>{name}</Link>,
    },
    { title: t("residents.columns.idNumber"), dataIndex: "id_number" },
    { title: t("residents.columns.phone"), dataIndex: "phone", render: (phone: string | null) => phone ?? "—" },
    { title: t("residents.columns.sex"), dataIndex: "sex", render: (sex: string) => labels.codeLabel("sex", sex) },
    {
      title: (
        <Tooltip title={t("residents.ageHint")}>
          <span>{t("residents.columns.age")}</span>
        </Tooltip>
      ),
      dataIndex: "birth_year",
      render: (year: number) => thisYear - year,
    },
    { title: t("residents.columns.unit"), dataIndex: "grid_org_unit_id", render: (id: string) => unitLabel(id) ?? id },
    {
      title: t("residents.columns.tags"),
      key: "tags",
      render: (_: unknown, row: ResidentListRow) => (
        <Space size={[4, 4]} wrap>
          {currentTagKeys(row, labels.tagKinds, today).map((key) => (
            <Tag key={key}>{labels.tagLabel(key)}</Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t("residents.residents")}
        </Typography.Title>
        <Space wrap>
          {canEdit && (
            <Button type="primary" onClick={() => setCreating(true)}>
              {t("residents.create")}
            </Button>
          )}
          {canEdit && (
            <Button icon={<UploadOutlined />} onClick={() => navigate("/residents/import")}>
              {t("dataImport.importButton")}
            </Button>
          )}
          <ResidentExportButton query={query} total={residents.data?.total} />
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">{t("residents.intro")}</Typography.Paragraph>
      <Flex gap={12} wrap align="end" style={{ marginBottom: 16 }}>
        <Space direction="vertical" size={2} style={{ minWidth: 320, flex: "1 1 320px" }}>
          <label htmlFor="residents-search">{t("residents.filters.search")}</label>
          <Input.Search
            id="residents-search"
            allowClear
            value={typed}
            placeholder={t("residents.filters.searchPlaceholder")}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={submitSearch}
            enterButton
          />
        </Space>
        <Space direction="vertical" size={2}>
          <label htmlFor="residents-unit">{t("residents.filters.unit")}</label>
          <TreeSelect
            id="residents-unit"
            allowClear
            showSearch
            treeNodeFilterProp="title"
            style={{ minWidth: 220 }}
            placeholder={t("residents.filters.allUnits")}
            value={unitId}
            treeData={treeData}
            treeDefaultExpandAll
            onChange={(value?: string) => update({ unit: value })}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <label htmlFor="residents-tags">{t("residents.filters.tags")}</label>
          <Select
            id="residents-tags"
            mode="multiple"
            allowClear
            style={{ minWidth: 200 }}
            placeholder={t("residents.filters.anyTag")}
            value={tagKeys}
            options={stored.map((kind) => ({ value: kind.key, label: labels.tagLabel(kind.key) }))}
            optionFilterProp="label"
            onChange={(keys: string[]) => update({ tag: keys })}
          />
        </Space>
        <Space direction="vertical" size={2}>
          <label htmlFor="residents-age">{t("residents.filters.age")}</label>
          <Select<AgeBand | undefined>
            id="residents-age"
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t("residents.filters.anyAge")}
            value={ageBand}
            options={[
              { value: "60", label: t("residents.filters.age60") },
              { value: "80", label: t("residents.filters.age80") },
              { value: "custom", label: t("residents.filters.ageCustom") },
            ]}
            onChange={(band) => update({ age: band, min: undefined, max: undefined })}
          />
        </Space>
        {ageBand === "custom" && (
          <Space align="end">
            <InputNumber
              aria-label={t("residents.filters.minAge")}
              placeholder={t("residents.filters.minAge")}
              min={0}
              max={150}
              precision={0}
              value={minAge}
              onChange={(value) => update({ min: value === null ? undefined : String(value) })}
            />
            <InputNumber
              aria-label={t("residents.filters.maxAge")}
              placeholder={t("residents.filters.maxAge")}
              min={0}
              max={150}
              precision={0}
              value={maxAge}
              onChange={(value) => update({ max: value === null ? undefined : String(value) })}
            />
          </Space>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("residents.filters.searchHint")}
      </Typography.Paragraph>
      {exact && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t("residents.filters.exactFound", { count: exact.ids.length })}
          action={
            <Button size="small" onClick={() => setExact(null)}>
              {t("residents.filters.clearExact")}
            </Button>
          }
        />
      )}
      {exactError && <Alert type="error" showIcon message={exactError} style={{ marginBottom: 16 }} />}
      {residents.isError && <Alert type="error" showIcon message={errorText(residents.error)} style={{ marginBottom: 16 }} />}
      <Table<ResidentListRow>
        rowKey="id"
        size="small"
        scroll={{ x: "max-content" }}
        loading={residents.isFetching}
        columns={columns}
        dataSource={residents.data?.rows ?? []}
        pagination={{
          current: page,
          pageSize,
          total: residents.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t("residents.total", { total }),
          onChange: (next) => update({ page: String(next) }),
        }}
      />
      <ExactSearchDialog
        value={pendingExact}
        onCancel={() => setPendingExact(null)}
        onSearch={(reason) => pendingExact && void runExact(pendingExact, reason)}
      />
      {creating && (
        <ResidentFormModal
          onClose={() => setCreating(false)}
          onSaved={(resident) => {
            setCreating(false);
            navigate(`/residents/${resident.id}`);
          }}
        />
      )}
    </>
  );
}

export default ResidentListPage;
