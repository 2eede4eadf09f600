// Every menu item / routed page, declared once. A new page is one entry here.
// The menu label is the dictionary key `${name}.${name}` (Refine's convention, also used by
// breadcrumbs, document titles and notifications); the `name` type makes a missing key fail tsc.
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  AppstoreAddOutlined,
  BuildOutlined,
  CheckSquareOutlined,
  DashboardOutlined,
  HomeOutlined,
  IdcardOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { ResourceProps } from "@refinedev/core";
import { createElement, lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { Messages } from "@/i18n";
import type { PresetRole } from "@/contract";

type LabelledResourceName = {
  [K in keyof Messages]: Messages[K] extends Record<K, string> ? K : never;
}[keyof Messages];

export type AppResourceMeta = {
  /** Only these roles see the menu item and may open the route; omitted = every signed-in user. UI only: RLS decides. */
  roles?: readonly PresetRole[];
  /** Routed, but drawn in the sider by views/menu (待办 carries a live count). */
  hide?: boolean;
};

export type AppResource = {
  name: LabelledResourceName;
  /** Route of the list page (the menu target). */
  list: string;
  icon: ComponentType;
  meta?: AppResourceMeta;
  pages: { list: LazyExoticComponent<ComponentType> };
};

export const appResources: readonly AppResource[] = [
  {
    name: "home",
    list: "/",
    icon: HomeOutlined,
    pages: { list: lazy(() => import("@/pages/home/HomePage")) },
  },
  {
    name: "cockpit",
    list: "/cockpit",
    icon: DashboardOutlined,
    meta: { roles: ["leader", "community_admin", "system_admin"] },
    pages: { list: lazy(() => import("@/pages/cockpit/CockpitPage")) },
  },
  {
    name: "residents",
    list: "/residents",
    icon: IdcardOutlined,
    // the registry is read by roles that read a service linking people or edit records (private.my_registry_units);
    // as seeded that is every preset role but the volunteer, who would only meet an empty list (RLS decides who)
    meta: { roles: ["system_admin", "community_admin", "staff", "grid_worker", "leader"] },
    pages: { list: lazy(() => import("@/pages/residents/ResidentListPage")) },
  },
  {
    name: "tasks",
    list: "/tasks",
    icon: CheckSquareOutlined,
    meta: { hide: true },
    pages: { list: lazy(() => import("@/pages/tasks/TasksPage")) },
  },
  {
    name: "org_units",
    list: "/org-units",
    icon: ApartmentOutlined,
    pages: { list: lazy(() => import("@/pages/org-units/OrgUnitsPage")) },
  },
  {
    name: "members",
    list: "/members",
    icon: TeamOutlined,
    meta: { roles: ["community_admin", "system_admin"] },
    pages: { list: lazy(() => import("@/pages/members/MembersPage")) },
  },
  {
    name: "services",
    list: "/services",
    icon: BuildOutlined,
    meta: { roles: ["community_admin", "system_admin"] },
    pages: { list: lazy(() => import("@/pages/services/ServicesPage")) },
  },
  {
    name: "templates",
    list: "/templates",
    icon: AppstoreAddOutlined,
    meta: { roles: ["community_admin", "system_admin"] },
    pages: { list: lazy(() => import("@/pages/templates/TemplateGalleryPage")) },
  },
  {
    name: "permissions",
    list: "/permissions",
    icon: SafetyCertificateOutlined,
    meta: { roles: ["community_admin", "system_admin", "leader"] },
    pages: { list: lazy(() => import("@/pages/permissions/PermissionMatrixPage")) },
  },
  {
    name: "work_calendar",
    list: "/work-calendar",
    icon: CalendarOutlined,
    pages: { list: lazy(() => import("@/pages/work-calendar/WorkCalendarPage")) },
  },
  {
    name: "audit",
    list: "/audit",
    icon: AuditOutlined,
    meta: { roles: ["community_admin", "system_admin"] },
    pages: { list: lazy(() => import("@/pages/audit/AuditLogPage")) },
  },
];

/** The same list in the shape <Refine resources> expects. */
export const refineResources: ResourceProps[] = appResources.map((resource) => ({
  name: resource.name,
  list: resource.list,
  meta: { ...resource.meta, icon: createElement(resource.icon) },
}));

export function resourceRoles(name: string | undefined): readonly PresetRole[] | undefined {
  return appResources.find((resource) => resource.name === name)?.meta?.roles;
}
