// Entry: the React 19 compatibility patch for antd 5 must load before any antd component.
import "@ant-design/v5-patch-for-react-19";
import "@refinedev/antd/dist/reset.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

const container = document.getElementById("root");
if (!container) throw new Error('index.html has no element with id "root"');
const root = createRoot(container);

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
