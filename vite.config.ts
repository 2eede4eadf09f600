import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Pages are split with React.lazy (src/app/resources.ts); no manual chunking needed.
export default defineConfig({
  plugins: [react()],
  // `@/…` is src/…, as in tsconfig.json's paths.
  resolve: { alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) } },
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
