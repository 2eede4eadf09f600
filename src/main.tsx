// Entry: the React 19 compatibility patch for antd 5 must load before any antd component.
import "@ant-design/v5-patch-for-react-19";
import "@refinedev/antd/dist/reset.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { hasStoredSession } from "./data/storedSession";

const container = document.getElementById("root");
if (!container) throw new Error('index.html has no element with id "root"');
const root = createRoot(container);

// A returning user (a stored session) needs the signed-in frame and, on a shared list link, the
// list page: fetched alongside the app instead of one round trip after it, then after the
// session check (slow 4G: ≈ 0.56 s per round trip; docs/benchmarks.md, First load).
if (hasStoredSession()) {
  void import("./app/layout/SignedInLayout");
  void import("./data/myContext");
  if (window.location.pathname.startsWith("/s/")) void import("./views/list/RecordListPage");
}

// The app is imported dynamically so a startup failure (above all a missing Supabase
// configuration) is shown on the page instead of leaving it blank.
import("./app/App")
  .then(({ default: App }) =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  )
  .catch((error: unknown) => {
    console.error(error);
    root.render(
      <pre role="alert" style={{ margin: 24, whiteSpace: "pre-wrap", font: "14px/1.6 system-ui, sans-serif" }}>
        {error instanceof Error ? error.message : String(error)}
      </pre>,
    );
  });
