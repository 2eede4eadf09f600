import { ThemedLayout, ThemedSider } from "@refinedev/antd";
import type { LayoutProps } from "@refinedev/core";
import { Suspense } from "react";
import { Outlet } from "react-router";
import { PageLoading } from "@/components/PageLoading";
import { useServiceMenu, withServiceMenu } from "@/views/menu/useServiceMenu";
import { AppHeader } from "./AppHeader";
import { AppTitle } from "./AppTitle";

// The header already has the logout button; the sider's own copy would be a second one.
// Published services and 待办 (with its count) are data, read at runtime, not resources.
const AppSider: NonNullable<LayoutProps["Sider"]> = (props) => {
  const serviceMenu = useServiceMenu();
  return <ThemedSider {...props} fixed render={({ items }) => withServiceMenu(items, serviceMenu)} />;
};

export function SignedInLayout() {
  return (
    <ThemedLayout Header={AppHeader} Sider={AppSider} Title={AppTitle}>
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </ThemedLayout>
  );
}
