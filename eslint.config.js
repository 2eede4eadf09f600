// The house rules that enforce themselves (`npm run lint`, a layer of `npm test`):
// import direction between the folders of src/ (DESIGN.md §3), one file-naming rule, and
// typescript-eslint's recommended set. Formatting is Prettier's job (`prettier --check`), not ESLint's.
//
// Why eslint-plugin-boundaries and not dependency-cruiser: dependency-cruiser 18 declares Node
// ^22 (this project runs on Node 20, so `npm ci` warns and nothing promises it works), and it
// would be a second tool with its own config and report; boundaries is an ESLint rule, so an
// upward import is flagged in the editor and by the same command as everything else. It reads
// `@/…` through eslint-import-resolver-typescript, which takes the paths from tsconfig.json.
import js from "@eslint/js";
import boundaries from "eslint-plugin-boundaries";
import checkFile from "eslint-plugin-check-file";
import tseslint from "typescript-eslint";

// The folders of src/ and who may import whom. Lower layers know nothing of higher ones:
//   app → pages, views → data, services, field-types, components, i18n → contract, lib
const layers = {
  // composition root: <Refine>, router, providers; main.tsx mounts it
  app: ["pages", "views", "data", "services", "field-types", "components", "contract", "lib", "i18n"],
  // hand-built screens may reuse pieces of the generic views (TasksPage lists records the way the
  // list view does, pages show errors with views/shared/useErrorText); views never import a page.
  pages: ["views", "data", "services", "field-types", "components", "contract", "lib", "i18n"],
  views: ["data", "services", "field-types", "components", "contract", "lib", "i18n"],
  // shared presentational pieces: may speak (i18n) but know no service, type or page
  components: ["contract", "lib", "i18n"],
  // the one typed data layer
  data: ["contract", "lib"],
  // services and field-types know nothing of pages, views or data, nor of each other
  // (services get the field types handed in); they speak through codes in contract, not i18n.
  services: ["contract", "lib"],
  "field-types": ["contract", "lib"],
  // strings and the hooks that read them; rendering an error needs lib/supabase's error shape
  i18n: ["contract", "lib"],
  // the only createClient, error normalisation, domain helpers: no app, no services, no i18n
  lib: ["contract"],
  // the leaf: codes, messages, keys, role keys
  contract: [],
};

const boundaryRules = {
  files: ["src/**/*.{ts,tsx}"],
  plugins: { boundaries },
  settings: {
    "import/resolver": { typescript: { project: "tsconfig.json" } },
    "boundaries/elements": Object.keys(layers).map((type) => ({ type, pattern: `src/${type}`, partialMatch: false })),
  },
  rules: {
    "boundaries/dependencies": [
      "error",
      {
        default: "disallow",
        message: "{{from.type}} must not import {{to.type}} (DESIGN.md §3: app → pages, views → data, services, field-types, components, i18n → contract, lib)",
        policies: Object.entries(layers).map(([from, to]) => ({
          from: { element: { type: from } },
          // inside its own folder anything goes; across folders only downwards
          allow: { to: { element: { types: { anyOf: [from, ...to] } } } },
        })),
      },
    ],
  },
};

// One file-naming rule: a file in src/ is named after what it exports, so components are
// PascalCase.tsx and everything else camelCase (a .tsx that exports a hook or a map of icons is
// camelCase too). Tests, scripts and the local stack export no single thing a name could follow:
// they are kebab-case, as the commands and journeys they are.
const namingRules = [
  {
    files: ["src/**/*.{ts,tsx}"],
    // zh-CN is a locale code; vite-env.d.ts is the name Vite's templates give this file.
    ignores: ["src/i18n/zh-CN.ts", "src/vite-env.d.ts"],
    plugins: { "check-file": checkFile },
    rules: {
      "check-file/filename-naming-convention": [
        "error",
        { "src/**/*.ts": "CAMEL_CASE", "src/**/*.tsx": "+([a-zA-Z])*([a-zA-Z0-9])" },
        { ignoreMiddleExtensions: true },
      ],
    },
  },
  {
    files: ["tests/**/*.{ts,tsx}", "scripts/**/*.{ts,mjs}", "supabase/local/**/*.ts"],
    plugins: { "check-file": checkFile },
    rules: {
      "check-file/filename-naming-convention": ["error", { "**/*.{ts,tsx,mjs}": "KEBAB_CASE" }, { ignoreMiddleExtensions: true }],
    },
  },
];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "test-results/", "playwright-report/", "supabase/.temp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: "module" },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `const { id: _, ...rest } = row` is how a test drops a key; the rest is what is used.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  // Plain-JavaScript files run in Node (scripts/prestart.mjs runs before anything is installed).
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
  boundaryRules,
  ...namingRules,
);
