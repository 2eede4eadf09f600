import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Pages are split with React.lazy (src/app/resources.ts); no manual chunking needed.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // No source maps in what is served: they would publish the original source (the gateway
    // refuses *.map as well). Debug with `npm run dev`.
    sourcemap: false,
    // Refine + antd form one large vendor chunk by design; warn only well above it.
    chunkSizeWarningLimit: 1500,
  },
});
