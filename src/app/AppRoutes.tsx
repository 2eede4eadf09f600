import { ErrorComponent } from "@refinedev/antd";
import { Authenticated, CanAccess } from "@refinedev/core";
import { CatchAllNavigate } from "@refinedev/react-router";
import { lazy, Suspense } from "react";
import { Outlet, Route, Routes } from "react-router";
import { PageLoading } from "@/components/PageLoading";
import { ForbiddenPage } from "@/pages/errors/ForbiddenPage";
import { serviceRoutes } from "@/views/serviceRoutes";
import { AppLayout } from "./layout/AppLayout";
import { MembershipGate } from "./MembershipGate";
import { RedirectSignedIn } from "./RedirectSignedIn";
import { appResources } from "./resources";

const LoginPage = lazy(() => import("@/pages/login/LoginPage"));
const JoinPage = lazy(() => import("@/pages/join/JoinPage"));
const ForgotPasswordPage = lazy(() => import("@/pages/login/ForgotPasswordPage"));
const ResetPasswordPage = lazy(() => import("@/pages/login/ResetPasswordPage"));
const ChangePasswordPage = lazy(() => import("@/pages/account/ChangePasswordPage"));
const ServiceDesignerPage = lazy(() => import("@/pages/designer/ServiceDesignerPage"));
const SheetServicePage = lazy(() => import("@/pages/sheet-import/SheetServicePage"));
const ResidentShowPage = lazy(() => import("@/pages/residents/ResidentShowPage"));
const ResidentImportPage = lazy(() => import("@/pages/data-import/ResidentImportPage"));
const RecordImportPage = lazy(() => import("@/pages/data-import/RecordImportPage"));

/** Pages under 服务管理 that are not menu items: who may open them is the menu item's rule (UI only; RPCs decide). */
const designerRoutes = [
  { path: "/services/new/from-sheet", page: SheetServicePage },
  { path: "/services/:id/design", page: ServiceDesignerPage },
  { path: "/services/:id/design/:concern", page: ServiceDesignerPage },
];

export function AppRoutes() {
  return (
    <Routes>
      {/* An invitation link: public, signed in or not (the page claims for whoever signs in there). */}
      <Route
        path="/join"
        element={
          <Suspense fallback={<PageLoading />}>
            <JoinPage />
          </Suspense>
        }
      />
      {/* Forgot password: public, since an SMS code signs the user in half-way through. */}
      <Route
        path="/forgot-password"
        element={
          <Suspense fallback={<PageLoading />}>
            <ForgotPasswordPage />
          </Suspense>
        }
      />
      {/* Where a recovery link lands: signed in by the link itself, whoever was signed in before. */}
      <Route
        path="/reset-password"
        element={
          <Suspense fallback={<PageLoading />}>
            <ResetPasswordPage />
          </Suspense>
        }
      />
      <Route
        element={
          <Authenticated key="signed-in" fallback={<CatchAllNavigate to="/login" />}>
            <MembershipGate>
              <AppLayout />
            </MembershipGate>
          </Authenticated>
        }
      >
        {appResources.map((resource) => (
          <Route
            key={resource.name}
            path={resource.list}
            element={
              // Hides pages from roles not listed in the resource's meta.roles (UI only; RLS decides).
              <CanAccess resource={resource.name} action="list" fallback={<ForbiddenPage />}>
                <resource.pages.list />
              </CanAccess>
            }
          />
        ))}
        {serviceRoutes.map((route) => (
          // Who may read a service is in its definition and RLS; the page hides what the user cannot do.
          <Route key={route.path} path={route.path} element={<route.page />} />
        ))}
        {designerRoutes.map((route) => (
          <Route
            key={route.path}
            path={route.path}
            element={
              <CanAccess resource="services" action="list" fallback={<ForbiddenPage />}>
                <Suspense fallback={<PageLoading />}>
                  <route.page />
                </Suspense>
              </CanAccess>
            }
          />
        ))}
        {/* Excel import (registry, any service): the pages hide themselves from who may not write; the RPCs decide. */}
        <Route
          path="/residents/import"
          element={
            <Suspense fallback={<PageLoading />}>
              <ResidentImportPage />
            </Suspense>
          }
        />
        <Route
          path="/s/:serviceKey/import"
          element={
            <Suspense fallback={<PageLoading />}>
              <RecordImportPage />
            </Suspense>
          }
        />
        {/* 一人一档: who may read a person is RLS's (their grid, or a record they took part in). */}
        <Route
          path="/residents/:id"
          element={
            <Suspense fallback={<PageLoading />}>
              <ResidentShowPage />
            </Suspense>
          }
        />
        <Route
          path="/account/password"
          element={
            <Suspense fallback={<PageLoading />}>
              <ChangePasswordPage />
            </Suspense>
          }
        />
        <Route path="*" element={<ErrorComponent />} />
      </Route>
      <Route
        element={
          <Authenticated key="signed-out" fallback={<Outlet />}>
            <RedirectSignedIn />
          </Authenticated>
        }
      >
        <Route
          path="/login"
          element={
            <Suspense fallback={<PageLoading />}>
              <LoginPage />
            </Suspense>
          }
        />
      </Route>
    </Routes>
  );
}
