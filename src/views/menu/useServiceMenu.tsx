import { CheckSquareOutlined } from "@ant-design/icons";
import { useGetIdentity } from "@refinedev/core";
import { Badge, Menu } from "antd";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { useT } from "@/i18n";
import type { Identity } from "@/data/myContext";
import type { PublishedService } from "@/views/hooks/publishedService";
import { useMyTasks } from "../hooks/useMyTasks";
import { usePublishedServices } from "../hooks/usePublishedServices";
import { useFieldLanguage } from "../shared/fieldLanguage";
import { serviceCategory, serviceName } from "../shared/serviceName";
import { allRoleKeys, mayDo } from "../shared/servicePermissions";
import { ServiceIcon } from "./serviceIcons";

/** The route a service's menu item opens; also its menu key, so the list page highlights it. */
export const serviceListPath = (key: string) => `/s/${key}`;
export const tasksPath = "/tasks";

function groupByCategory(services: readonly PublishedService[]): [string, PublishedService[]][] {
  const groups = new Map<string, PublishedService[]>();
  for (const service of services) groups.set(service.category, [...(groups.get(service.category) ?? []), service]);
  return [...groups];
}

/**
 * Sider items that come from data rather than from `resources.ts`: 待办 with its badge, and one
 * group per service category. A service whose definition does not parse is still listed, so
 * its page can say what is wrong; otherwise a service shows only to roles that may read it.
 */
export function useServiceMenu(): { tasksItem: ReactNode; serviceGroups: ReactNode[] } {
  const t = useT();
  const language = useFieldLanguage();
  const { data: identity } = useGetIdentity<Identity>();
  const roles = allRoleKeys(identity?.memberships ?? []);
  const { data: services = [] } = usePublishedServices();
  const { data: tasks } = useMyTasks();

  const readable = services.filter((s) => !s.parsed.ok || mayDo(s.parsed.definition, roles, "read"));
  const tasksItem = (
    <Menu.Item key={tasksPath} icon={<CheckSquareOutlined />}>
      <Link to={tasksPath}>
        {t("tasks.tasks")} <Badge count={tasks?.total ?? 0} size="small" offset={[4, -2]} />
      </Link>
    </Menu.Item>
  );
  // grouped by the stored (Chinese) category, headed in the reader's language
  const serviceGroups = groupByCategory(readable).map(([category, members]) => (
    <Menu.ItemGroup key={`category:${category}`} title={serviceCategory(members[0], language)}>
      {members.map((service) => (
        <Menu.Item key={serviceListPath(service.key)} icon={<ServiceIcon name={service.icon} />}>
          <Link to={serviceListPath(service.key)}>{serviceName(service, language)}</Link>
        </Menu.Item>
      ))}
    </Menu.ItemGroup>
  ));
  return { tasksItem, serviceGroups };
}

/** Resource items with 待办 right after the first (the workbench), and the services last. */
export function withServiceMenu(items: readonly ReactNode[], menu: { tasksItem: ReactNode; serviceGroups: ReactNode[] }): ReactNode[] {
  const [first, ...rest] = items;
  return [first, menu.tasksItem, ...rest, ...menu.serviceGroups];
}
