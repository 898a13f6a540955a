/** The dependency rule of docs/ARCHITECTURE.md, enforced: a wrong import fails `npm run check`. */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "src/domain imports nothing outside src/domain (no node builtins, no packages).",
      severity: "error",
      from: { path: "^src/domain" },
      to: { pathNot: "^src/domain" },
    },
    {
      name: "application-depends-on-domain-and-ports",
      comment: "src/application imports only src/domain and itself.",
      severity: "error",
      from: { path: "^src/application" },
      to: { pathNot: "^src/(domain|application)" },
    },
    {
      name: "core-never-names-a-library",
      comment: "No npm package and no node builtin in domain or application: they talk to the world through ports.",
      severity: "error",
      from: { path: "^src/(domain|application)" },
      to: { dependencyTypes: ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-no-pkg", "npm-unknown", "core"] },
    },
    {
      name: "only-composition-and-entry-points-pick-adapters",
      comment:
        "src/infrastructure is imported only by src/composition (which picks adapters from config) and src/main (the entry points). " +
        "Adapters may use each other; interfaces may name the Logger type.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(composition|main|infrastructure)/" },
      to: { path: "^src/infrastructure/", pathNot: "^src/infrastructure/logging/" },
    },
    {
      name: "infrastructure-never-imports-the-edge",
      comment: "Adapters implement ports; they never reach up into interfaces, composition or entry points.",
      severity: "error",
      from: { path: "^src/infrastructure" },
      to: { path: "^src/(interfaces|composition|main)/" },
    },
    {
      name: "only-entry-points-import-composition",
      comment: "The composition root sits on top: nothing but src/main (and tests) may import it.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(composition|main)/" },
      to: { path: "^src/composition/" },
    },
    {
      name: "nothing-imports-an-entry-point",
      comment: "src/main/* are processes, not modules.",
      severity: "error",
      from: {},
      to: { path: "^src/main/" },
    },
    {
      name: "only-the-composition-root-uses-tsyringe",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/composition/" },
      to: { path: "node_modules/(tsyringe|reflect-metadata)/" },
    },
    {
      name: "src-never-imports-tests-or-bench",
      comment: "Shipped code stands alone: tests and benchmarks depend on src, never the other way round.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(tests|bench)/" },
    },
    {
      name: "only-src-files-at-src-root-are-folders",
      comment: "The src/ root holds only the layer folders, composition/ and main/.",
      severity: "error",
      from: { path: "^src/[^/]+\\.ts$" },
      to: {},
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
  },
};
