import { SearchOutlined } from "@ant-design/icons";
import { useGetIdentity, useList } from "@refinedev/core";
import { Alert, Card, Col, Empty, Input, Row, Skeleton, Tree, Typography } from "antd";
import type { TreeDataNode } from "antd";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { HighlightedText } from "@/components/HighlightedText";
import { useT } from "@/i18n";
import { administeredUnitIds, isSystemAdministrator } from "@/lib/domain/access";
import type { OrgUnit } from "@/lib/domain/orgUnits";
import type { Identity } from "@/data/myContext";
import { OrgUnitActions } from "./OrgUnitActions";
import { OrgUnitDetail } from "./OrgUnitDetail";
import type { EditorScope } from "./orgUnitEditRights";
import { ancestorsOf, indexOrgUnits, searchOrgUnits, type OrgUnitIndex, type OrgUnitSearch } from "./orgUnitIndex";
import { addressBarParams } from "@/lib/addressBarParams";

const columns = "id,parent_id,code,name,level,path,depth,sort_order";

function toTreeData(index: OrgUnitIndex, parentId: string | null, search: OrgUnitSearch | null, query: string): TreeDataNode[] {
  return (index.childrenOf.get(parentId) ?? [])
    .filter((unit) => !search || search.visible.has(unit.id))
    .map((unit) => {
      const children = toTreeData(index, unit.id, search, query);
      return {
        key: unit.id,
        isLeaf: children.length === 0,
        children,
        title: (
          <span>
            <HighlightedText text={unit.name} query={query} />{" "}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <HighlightedText text={unit.code} query={query} />
            </Typography.Text>
          </span>
        ),
      };
    });
}

export default function OrgUnitsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const query = params.get("q") ?? "";
  const selectedParam = params.get("unit");

  const { data: identity } = useGetIdentity<Identity>();
  const { result, query: listQuery } = useList<OrgUnit>({
    resource: "org_units",
    // ~300 rows: one request, no paging; the total is unused, so no exact count.
    pagination: { mode: "off" },
    meta: { select: columns, count: "planned" },
  });

  const index = useMemo(() => indexOrgUnits(result.data), [result.data]);
  const search = useMemo(() => searchOrgUnits(index, query), [index, query]);
  const treeData = useMemo(() => toTreeData(index, null, search, query), [index, search, query]);

  const ownUnitIds = useMemo(() => (identity?.memberships ?? []).map((m) => m.org_unit_id).filter((id) => index.byId.has(id)), [identity, index]);
  const selectedId = selectedParam ?? ownUnitIds[0];
  const selected = selectedId ? index.byId.get(selectedId) : undefined;
  const editorScope = useMemo<EditorScope>(() => {
    const memberships = identity?.memberships ?? [];
    return { adminUnitIds: administeredUnitIds(memberships), systemAdmin: isSystemAdministrator(memberships) };
  }, [identity]);

  // Expansion: by default the path down to the user's own units; while searching, the
  // ancestors of every match. The user may still open and close nodes freely.
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  useEffect(() => {
    if (search) {
      setExpandedKeys([...search.expand]);
      return;
    }
    const open = new Set<string>();
    for (const id of ownUnitIds) {
      const unit = index.byId.get(id);
      if (!unit) continue;
      ancestorsOf(index, unit).forEach((ancestor) => open.add(ancestor.id));
      open.add(id);
    }
    setExpandedKeys([...open]);
  }, [search, ownUnitIds, index]);

  // A unit selected by an edit (a new grid, a moved community) is shown where it now sits.
  useEffect(() => {
    if (!selectedParam) return;
    const unit = index.byId.get(selectedParam);
    if (!unit) return;
    const path = ancestorsOf(index, unit).map((ancestor) => ancestor.id);
    setExpandedKeys((keys) => (path.every((id) => keys.includes(id)) ? keys : [...new Set([...keys, ...path])]));
  }, [selectedParam, index]);

  const updateParams = useCallback(
    (changes: Record<string, string | null>) => {
      const next = addressBarParams();
      for (const [key, value] of Object.entries(changes)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      setParams(next, { replace: true });
    },
    [setParams],
  );
  const selectUnit = useCallback((id: string) => updateParams({ unit: id }), [updateParams]);

  if (listQuery.isError) {
    return <Alert type="error" showIcon message={listQuery.error.message} />;
  }

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("org_units.org_units")}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t("org_units.treeTitle")}>
            <Input
              allowClear
              value={query}
              onChange={(e) => updateParams({ q: e.target.value })}
              prefix={<SearchOutlined aria-hidden />}
              placeholder={t("org_units.searchPlaceholder")}
              aria-label={t("org_units.searchLabel")}
              style={{ marginBottom: 12 }}
            />
            {search && (
              <Typography.Paragraph type="secondary" aria-live="polite">
                {t("org_units.matchCount", { count: search.matches.size })}
              </Typography.Paragraph>
            )}
            {listQuery.isLoading ? (
              <Skeleton active />
            ) : treeData.length === 0 ? (
              <Empty description={t("org_units.noMatches")} />
            ) : (
              <Tree
                showLine
                blockNode
                treeData={treeData}
                expandedKeys={expandedKeys}
                onExpand={(keys) => setExpandedKeys(keys.map(String))}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => {
                  // Clicking the selected node again keeps it selected rather than clearing the detail.
                  if (keys.length > 0) updateParams({ unit: String(keys[0]) });
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <OrgUnitDetail
            index={index}
            unit={selected}
            onSelect={selectUnit}
            actions={selected && <OrgUnitActions key={selected.id} unit={selected} index={index} scope={editorScope} onSelect={selectUnit} />}
          />
        </Col>
      </Row>
    </>
  );
}
