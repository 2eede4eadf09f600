import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Pages are split with React.lazy (src/app/resources.ts); vendors get stable chunks of their own
// so a deploy that changes only our code leaves them cached. Budget: scripts/check-bundle.ts.
const vendorChunks = [
  { name: "vendor-react", test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
  { name: "vendor-supabase", test: /node_modules[\\/](@supabase|iceberg-js|tslib)[\\/]/ },
  // Admin tools only (designer, templates, sheet import): its own chunk, budgeted on its own.
  { name: "lib-pinyin", test: /node_modules[\\/]pinyin-pro[\\/]/ },
  // The cockpit's charts (only the charts it registers): its own chunk, budgeted on its own.
  { name: "lib-echarts", test: /node_modules[\\/](echarts|zrender)[\\/]/ },
  // Not @refinedev/antd: a group takes in what its modules import, and that would be all of antd.
  { name: "vendor-refine", test: /node_modules[\\/](@refinedev[\\/](core|react-router|supabase)|@tanstack)[\\/]/ },
];
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
    // dist/.vite/manifest.json: the chunk graph scripts/check-bundle.ts measures against the budget.
    manifest: true,
    rolldownOptions: {
      // Packages are side-effect free unless listed: @refinedev/antd is one file that imports
      // react-markdown/remark-gfm for a field we never use; without this they stay in the shell.
      treeshake: {
        moduleSideEffects: [
          { test: /\.css$/, sideEffects: true },
          { test: /node_modules[\\/](@ant-design[\\/]v5-patch-for-react-19|dayjs[\\/]locale)[\\/]/, sideEffects: true },
          { test: /node_modules[\\/]/, sideEffects: false },
          // The contract is declarations only (a leaf, DESIGN.md §3): what the shell does not use stays out of it.
          { test: /src[\\/]contract[\\/]/, sideEffects: false },
        ],
      },
      // (includeDependenciesRecursively: false would keep groups narrower, but broke the order
      // modules run in: "f is not a function" at start.)
      output: { codeSplitting: { groups: vendorChunks } },
    },
  },
});
