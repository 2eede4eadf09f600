import { ThemedLayout, ThemedSider } from "@refinedev/antd";
import type { LayoutProps } from "@refinedev/core";
import { Suspense } from "react";
import { Outlet } from "react-router";
import { PageLoading } from "../../components/PageLoading";
import { AppHeader } from "./AppHeader";
import { AppTitle } from "./AppTitle";

// The header already has the logout button; the sider's own copy would be a second one.
const AppSider: NonNullable<LayoutProps["Sider"]> = (props) => (
  <ThemedSider {...props} fixed render={({ items }) => items} />
);

export function AppLayout() {
  return (
    <ThemedLayout Header={AppHeader} Sider={AppSider} Title={AppTitle}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </ThemedLayout>
  );
}
