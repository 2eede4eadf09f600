import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Pages are split with React.lazy (src/app/resources.ts); no manual chunking needed.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    // Refine + antd form one large vendor chunk by design; warn only well above it.
    chunkSizeWarningLimit: 1500,
  },
});
