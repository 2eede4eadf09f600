// The per-service half of "what can this person do": for each published service, the actions
// their active roles are granted (grants are data; the database applies the same rows).
import { useList } from "@refinedev/core";
import { Table, Tag } from "antd";
import { useT } from "@/i18n";
import type { ServiceGrant } from "@/data/grantAdmin";
import { permissionActions } from "@/contract";
import type { TableRow } from "@/data/rows";

type ServiceRow = Pick<TableRow<"services">, "id" | "name" | "category">;

export function MemberServiceActions({ roleKeys }: { roleKeys: string[] }) {
  const t = useT();
  const services = useList<ServiceRow>({
    resource: "services",
    pagination: { mode: "off" },
    filters: [{ field: "status", operator: "eq", value: "published" }],
    sorters: [{ field: "category", order: "asc" }],
    meta: { select: "id, name, category" },
  });
  const grants = useList<ServiceGrant>({
    resource: "service_role_grants",
    pagination: { mode: "off" },
    filters: [{ field: "role_key", operator: "in", value: roleKeys }],
    meta: { select: "service_id, role_key, action" },
    queryOptions: { enabled: roleKeys.length > 0 },
  });
  const granted = new Set((grants.result?.data ?? []).map((g) => `${g.service_id}|${g.action}`));

  const columns = [
    {
      title: t("members.accessService"),
      dataIndex: "name",
      render: (name: string, s: ServiceRow) => (
        <span>
          {name} <Tag>{s.category}</Tag>
        </span>
      ),
    },
    {
      title: t("members.accessActions"),
      key: "actions",
      render: (_: unknown, s: ServiceRow) => {
        const actions = permissionActions.filter((a) => granted.has(`${s.id}|${a}`));
        return actions.length ? (
          actions.map((a) => (
            <Tag key={a} color="blue">
              {t(`permissions.actions.${a}`)}
            </Tag>
          ))
        ) : (
          <Tag>{t("members.accessNoActions")}</Tag>
        );
      },
    },
  ];

  return (
    <Table<ServiceRow>
      rowKey="id"
      size="small"
      loading={services.query.isLoading || grants.query.isLoading}
      dataSource={services.result?.data ?? []}
      columns={columns}
      pagination={false}
    />
  );
}
