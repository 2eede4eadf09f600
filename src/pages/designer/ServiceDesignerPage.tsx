// The service designer: one page per concern (基本信息, 表单, 列表, 流程, 权限, 看板, 发布), each
// editing one shared document that saves itself as the service's draft. Heavy parts (the diagram,
// drag and drop, pinyin) load with their page only.
import { useNotification } from "@refinedev/core";
import { Alert, Badge, Modal, Result, Skeleton, Space, Tabs } from "antd";
import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType } from "react";
import { useNavigate, useParams } from "react-router";
import { PageLoading } from "@/components/PageLoading";
import { fieldTypes } from "@/field-types";
import { useT } from "@/i18n";
import { parseServiceDefinition } from "@/services/schema";
import { useErrorText } from "@/views/shared/useErrorText";
import { DefinitionFileErrors } from "../services/DefinitionFileErrors";
import { useRefreshServices } from "../services/useServiceList";
import BasicsConcern from "./basics/BasicsConcern";
import { concernKeys, concernOfPath, isConcernKey, type ConcernKey } from "./concernOfPath";
import { ConflictAlert } from "./ConflictAlert";
import { downloadDefinition, readDefinitionFile, type DefinitionFileResult } from "./definitionFile";
import { DesignerHeader } from "./DesignerHeader";
import type { ConcernProps } from "./designerDoc";
import ListConcern from "./list/ListConcern";
import PublishConcern from "./publish/PublishConcern";
import { useDesignerDoc } from "./useDesignerDoc";

const lazyConcerns: Partial<Record<ConcernKey, ComponentType<ConcernProps>>> = {
  basics: BasicsConcern,
  form: lazy(() => import("./form/FormConcern")),
  list: ListConcern,
  workflow: lazy(() => import("./workflow/WorkflowConcern")),
  permissions: lazy(() => import("./permissions/PermissionsConcern")),
  dashboard: lazy(() => import("./dashboard/DashboardConcern")),
};

/** Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y), except while typing, where the field's own undo applies. */
function useUndoKeys(undo: () => void, redo: () => void) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey)) return;
      const target = event.target as HTMLElement | null;
      if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
      const key = event.key.toLowerCase();
      if (key === "z" && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === "z" && event.shiftKey) || key === "y") {
        event.preventDefault();
        redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo]);
}

export default function ServiceDesignerPage() {
  const { id = "", concern } = useParams();
  const active: ConcernKey = isConcernKey(concern) ? concern : "basics";
  const t = useT();
  const navigate = useNavigate();
  const { open } = useNotification();
  const errorText = useErrorText();
  const refresh = useRefreshServices();
  const designer = useDesignerDoc(id);
  const [refusedFile, setRefusedFile] = useState<Exclude<DefinitionFileResult, { ok: true }> | null>(null);
  useUndoKeys(designer.undo, designer.redo);

  const parsed = useMemo(() => (designer.doc ? parseServiceDefinition(designer.doc.definition, fieldTypes) : null), [designer.doc]);
  const errors = useMemo(() => (parsed && !parsed.ok ? parsed.errors : []), [parsed]);
  const warnings = useMemo(() => (parsed?.ok ? (parsed.warnings ?? []) : []), [parsed]);
  const publishedFields = useMemo(() => {
    const types = new Map<string, string>();
    for (const version of [...designer.versions].reverse()) {
      const fields = (version.definition as { fields?: { key: string; type: string }[] }).fields ?? [];
      for (const field of fields) types.set(field.key, field.type);
    }
    return types;
  }, [designer.versions]);

  const goTo = useCallback((next: ConcernKey) => navigate(`/services/${id}/design/${next}`), [navigate, id]);

  const publish = async () => {
    try {
      const row = await designer.publish();
      await refresh();
      open?.({ type: "success", message: t("designer.publish.published", { version: row.current_version ?? "" }) });
    } catch (e) {
      open?.({ type: "error", message: t("designer.publish.failed"), description: errorText(e) });
    }
  };

  const importFile = async (file: File) => {
    const result = readDefinitionFile(await file.text(), file.size);
    if (!result.ok) {
      setRefusedFile(result);
      return;
    }
    // the service keeps its own key whatever the file says: records and routes are named by it
    designer.replace({ ...result.definition, key: designer.doc?.definition.key ?? result.definition.key }, t("designer.importedFrom", { file: file.name }));
    open?.({ type: "success", message: t("designer.imported", { file: file.name }) });
  };

  if (designer.loading && !designer.doc) return <Skeleton active />;
  if (designer.loadError || !designer.service || !designer.doc) {
    return <Result status="404" title={t("designer.notFound")} subTitle={designer.loadError ? errorText(designer.loadError) : undefined} />;
  }
  const { service, doc, save } = designer;

  const props: ConcernProps = {
    doc,
    change: designer.change,
    publishedFields,
    errors,
    service: { id: service.id, key: service.key, owner_org_unit_id: service.owner_org_unit_id, current_version: service.current_version },
  };
  const countFor = (key: ConcernKey) => errors.filter((error) => key !== "publish" && concernOfPath(error.path) === key).length;

  const content = (key: ConcernKey) => {
    if (key === "publish") {
      return (
        <PublishConcern
          definition={doc.definition}
          errors={errors}
          warnings={warnings}
          versions={designer.versions}
          currentVersion={service.current_version}
          archived={service.status === "archived"}
          publish={publish}
          goTo={goTo}
        />
      );
    }
    const Concern = lazyConcerns[key]!;
    return (
      <Suspense fallback={<PageLoading />}>
        <Concern {...props} />
      </Suspense>
    );
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <DesignerHeader
        service={service}
        doc={doc}
        save={save}
        undoLabel={designer.undoLabel}
        redoLabel={designer.redoLabel}
        onUndo={designer.undo}
        onRedo={designer.redo}
        onExport={() => downloadDefinition(doc.definition)}
        onImport={(file) => void importFile(file)}
        onPublish={() => goTo("publish")}
      />
      {save.kind === "conflict" && (
        <ConflictAlert
          by={save.by}
          at={save.at}
          base={designer.base}
          theirs={save.theirs}
          onKeepMine={() => downloadDefinition(doc.definition, `${doc.definition.key}-mine.json`)}
          onReload={() => void designer.reload()}
        />
      )}
      {service.status === "archived" && <Alert type="warning" showIcon message={t("designer.archivedHint")} />}
      <Tabs
        activeKey={active}
        onChange={(key) => goTo(key as ConcernKey)}
        destroyOnHidden
        items={concernKeys.map((key) => ({
          key,
          label: (
            <Badge count={countFor(key)} size="small" offset={[8, -2]}>
              {t(`designer.tabs.${key}`)}
            </Badge>
          ),
          children: key === active ? content(key) : null,
        }))}
      />
      <Modal open={refusedFile !== null} title={t("designer.importJson")} onCancel={() => setRefusedFile(null)} footer={null}>
        {refusedFile && <DefinitionFileErrors result={refusedFile} />}
      </Modal>
    </Space>
  );
}
