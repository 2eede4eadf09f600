import { lazy, Suspense } from "react";
import { PageLoading } from "@/components/PageLoading";

// The signed-in frame (sider menu of published services, header, 待办 count) needs the service
// definitions and the field-type registry, and with them most of antd. Loaded only once signed
// in, so the sign-in page a phone opens first does not download it (issue #11, first load).
// (src/main.tsx starts fetching it at once for a returning user.)
const SignedInLayout = lazy(() => import("./SignedInLayout").then((m) => ({ default: m.SignedInLayout })));

export function AppLayout() {
  return (
    <Suspense fallback={<PageLoading />}>
      <SignedInLayout />
    </Suspense>
  );
}
