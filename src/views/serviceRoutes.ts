// Routes of the generic service pages. Every service uses the same four pages; the service
// key in the path picks the definition at runtime (no per-service code, STYLE habit 5).
import { lazy, type ComponentType, type LazyExoticComponent } from "react";

export interface ServiceRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

export const serviceRoutes: readonly ServiceRoute[] = [
  { path: "/s/:serviceKey", page: lazy(() => import("./list/RecordListPage")) },
  { path: "/s/:serviceKey/create", page: lazy(() => import("./form/RecordCreatePage")) },
  { path: "/s/:serviceKey/edit/:id", page: lazy(() => import("./form/RecordEditPage")) },
  { path: "/s/:serviceKey/show/:id", page: lazy(() => import("./show/RecordShowPage")) },
];
