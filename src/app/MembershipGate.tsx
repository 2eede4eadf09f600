import { useGetIdentity } from "@refinedev/core";
import type { ReactNode } from "react";
import { useLocation } from "react-router";
import { PageLoading } from "@/components/PageLoading";
import type { Identity } from "@/data/myContext";
import { NoMembershipPage } from "@/pages/home/NoMembershipPage";

/**
 * A signed-in account holds nothing until it belongs: without an active membership the app
 * would only show empty menus and refusals, so it explains instead. /join stays reachable:
 * that is where an invitation link makes the account a member.
 */
export function MembershipGate({ children }: { children: ReactNode }) {
  const { data: identity, isLoading } = useGetIdentity<Identity>();
  const { pathname } = useLocation();
  if (pathname.startsWith("/join")) return children;
  if (isLoading) return <PageLoading />;
  if (identity && identity.memberships.length === 0) return <NoMembershipPage />;
  return children;
}
