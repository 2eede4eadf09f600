import { Navigate, useSearchParams } from "react-router";

/**
 * Where a signed-in user who lands on /login goes: back to the page that sent them there
 * (`?to=`, set by CatchAllNavigate), else home. Refine's NavigateToResource ignores `to`, and
 * right after sign-in a stale "signed out" check can bounce the user through /login once —
 * this keeps them on the page they asked for. Only same-origin paths are followed.
 */
export function RedirectSignedIn() {
  const [params] = useSearchParams();
  const to = params.get("to");
  const safe = to && to.startsWith("/") && !to.startsWith("//") ? to : "/";
  return <Navigate to={safe} replace />;
}
