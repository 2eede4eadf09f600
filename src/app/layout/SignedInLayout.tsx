import { ThemedLayout, ThemedSider } from "@refinedev/antd";
import type { LayoutProps } from "@refinedev/core";
import { Grid } from "antd";
import { Suspense } from "react";
import { Outlet } from "react-router";
import { PageLoading } from "@/components/PageLoading";
import { useServiceMenu, withServiceMenu } from "@/views/menu/useServiceMenu";
import { AppHeader } from "./AppHeader";
import { AppTitle } from "./AppTitle";

// Below lg (992 px) ThemedSider is a drawer plus its own opener: an unnamed icon button fixed at
// the content's top-left corner, over every page's heading. The header has a named 菜单 button
// that opens the same drawer, so that one is hidden. It is the wrapper's only direct <button>
// (the drawer itself is portalled to <body>); `display: contents` keeps the wrapper out of layout.
const drawerOpenerHidden = "[data-drawer-sider] > button { display: none; }";

// The header already has the logout button; the sider's own copy would be a second one.
// Published services and 待办 (with its count) are data, read at runtime, not resources.
const AppSider: NonNullable<LayoutProps["Sider"]> = (props) => {
  const serviceMenu = useServiceMenu();
  const drawer = Grid.useBreakpoint().lg === false;
  const sider = <ThemedSider {...props} fixed render={({ items }) => withServiceMenu(items, serviceMenu)} />;
  if (!drawer) return sider;
  return (
    <div data-drawer-sider style={{ display: "contents" }}>
      <style>{drawerOpenerHidden}</style>
      {sider}
    </div>
  );
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
