// 权限: who may read, create, update, delete, export and unmask this service's records.
// Before the first publish the matrix is part of the draft (definition.permissions, undoable,
// saved with it). Once published, grants are live data: ticks are collected, and 「保存权限」
// shows what the change set means for people before set_service_grants applies it all at once.
// Either way an action needing read brings read along, and losing read takes them away.
import { useNotification } from "@refinedev/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Flex, Skeleton, Space, Typography } from "antd";
import { useMemo, useState } from "react";
import { useDomainLabels } from "@/components/useDomainLabels";
import type { PermissionAction } from "@/contract";
import { countRoleMembers, fetchServiceGrants, setServiceGrants } from "@/data/serviceGrantsAdmin";
import { useT } from "@/i18n";
import { useAdminScope } from "@/pages/members/useAdminScope";
import { publishedServicesQueryKey } from "@/views/hooks/usePublishedServices";
import { useFieldLanguage } from "@/views/shared/fieldLanguage";
import { useErrorText } from "@/views/shared/useErrorText";
import type { ConcernProps, DraftDefinition } from "../designerDoc";
import { GrantMatrix, type MatrixRole } from "./GrantMatrix";
import { GrantSummaryModal } from "./GrantSummaryModal";
import { grantChanges, permissionsFromGrants, summarizeChanges, toggleGrant, type Permissions } from "./grantEdits";

/** A draft's permissions without roles left holding nothing. */
function definitionPermissions(permissions: Permissions): DraftDefinition["permissions"] {
  return Object.fromEntries(Object.entries(permissions).flatMap(([role, actions]) => (actions.length > 0 ? [[role, [...actions]]] : [])));
}

export default function PermissionsConcern({ doc, change, errors, service }: ConcernProps) {
  const t = useT();
  const language = useFieldLanguage();
  const scope = useAdminScope();
  const { roleLabel } = useDomainLabels();
  const published = service !== null && service.current_version !== null;
  const draftPermissions: Permissions = doc.definition.permissions ?? {};

  const live = useQuery({
    queryKey: ["cgs", "designer", "grants", service?.id],
    queryFn: () => fetchServiceGrants(service!.id),
    enabled: published,
  });
  const livePermissions = useMemo(() => permissionsFromGrants(live.data ?? []), [live.data]);

  // Rows: the roles this administrator works with, then any other role the grants name.
  const roles: MatrixRole[] = useMemo(() => {
    const known = scope.roles.map((role) => ({ key: role.key, label: roleLabel({ role_key: role.key, role_name: role.name, role_name_en: role.name_en }) }));
    const named = Object.keys(published ? livePermissions : draftPermissions).filter((key) => !known.some((role) => role.key === key));
    return [...known, ...named.map((key) => ({ key, label: roleLabel({ role_key: key }) }))];
  }, [scope.roles, roleLabel, published, livePermissions, draftPermissions]);
  const labelOf = (role: string) => roles.find((r) => r.key === role)?.label ?? role;

  const problems = errors.filter((e) => e.path === "permissions" || e.path.startsWith("permissions.") || e.path.startsWith("permissions["));

  if (scope.isLoading || (published && live.isLoading)) return <Skeleton active />;

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <Alert type="info" showIcon message={t(published ? "designerPermissions.liveHint" : "designerPermissions.draftHint")} />
      <Typography.Text type="secondary">{t("designerPermissions.dependencyHint")}</Typography.Text>
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          message={t("designerPermissions.problems")}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {problems.map((p, i) => (
                <li key={i}>{language === "en" ? p.message_en : p.message_zh}</li>
              ))}
            </ul>
          }
          action={
            // Published, the matrix shows the live grants, not the draft's: the draft's own
            // (from an imported file, say) can only be replaced by what is in force.
            published && (
              <Button
                size="small"
                onClick={() =>
                  change(
                    (d) => ({ ...d, definition: { ...d.definition, permissions: definitionPermissions(livePermissions) } }),
                    t("designerPermissions.useLive"),
                  )
                }
              >
                {t("designerPermissions.useLive")}
              </Button>
            )
          }
        />
      )}
      {published ? (
        <LiveGrants serviceId={service.id} ownerUnitId={service.owner_org_unit_id} roles={roles} live={livePermissions} labelOf={labelOf} />
      ) : (
        <GrantMatrix
          roles={roles}
          permissions={draftPermissions}
          onToggle={(role, action, granted) =>
            change(
              (d) => ({
                ...d,
                definition: { ...d.definition, permissions: definitionPermissions(toggleGrant(d.definition.permissions ?? {}, role, action, granted)) },
              }),
              t(granted ? "designerPermissions.grantChange" : "designerPermissions.revokeChange", {
                role: labelOf(role),
                action: t(`permissions.actions.${action}`),
              }),
            )
          }
        />
      )}
    </Space>
  );
}

type LiveProps = { serviceId: string; ownerUnitId: string; roles: MatrixRole[]; live: Permissions; labelOf: (role: string) => string };

function LiveGrants({ serviceId, ownerUnitId, roles, live, labelOf }: LiveProps) {
  const t = useT();
  const errorText = useErrorText();
  const { open: notify } = useNotification();
  const queryClient = useQueryClient();
  // null: nothing edited; the matrix shows the live grants
  const [edited, setEdited] = useState<Permissions | null>(null);
  const [reviewing, setReviewing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);

  const shown = edited ?? live;
  const changes = useMemo(
    () =>
      grantChanges(
        live,
        shown,
        roles.map((r) => r.key),
      ),
    [live, shown, roles],
  );
  const summary = useMemo(() => summarizeChanges(changes), [changes]);
  const people = useQuery({
    queryKey: ["cgs", "designer", "role-members", ownerUnitId],
    queryFn: () => countRoleMembers(ownerUnitId),
    enabled: reviewing && summary.some((s) => s.leavesMenu),
    retry: false,
  });

  const toggle = (role: string, action: PermissionAction, granted: boolean) => setEdited(toggleGrant(shown, role, action, granted));
  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      const grants = await setServiceGrants(serviceId, changes);
      queryClient.setQueryData(["cgs", "designer", "grants", serviceId], grants);
      setEdited(null);
      setReviewing(false);
      notify?.({ type: "success", message: t("designerPermissions.saved") });
      // the menu and every list read grants per request; refresh what this browser holds
      await queryClient.invalidateQueries({ queryKey: publishedServicesQueryKey });
    } catch (e) {
      setSaveError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }}>
      <GrantMatrix roles={roles} permissions={shown} baseline={live} disabled={saving} onToggle={toggle} />
      <Flex gap="small" align="center" wrap>
        <Button
          type="primary"
          disabled={changes.length === 0}
          onClick={() => {
            setSaveError(null);
            setReviewing(true);
          }}
        >
          {t("designerPermissions.save")}
        </Button>
        <Button disabled={changes.length === 0 || saving} onClick={() => setEdited(null)}>
          {t("designerPermissions.discard")}
        </Button>
        {changes.length > 0 && <Typography.Text type="warning">{t("designerPermissions.pendingCount", { count: changes.length })}</Typography.Text>}
      </Flex>
      <GrantSummaryModal
        open={reviewing}
        summary={summary}
        roleLabel={labelOf}
        people={people.isSuccess ? people.data : undefined}
        saving={saving}
        error={saveError}
        onConfirm={() => void save()}
        onCancel={() => setReviewing(false)}
      />
    </Space>
  );
}
