/** The dependency rule of shared/ARCHITECTURE.md, enforced: a wrong import fails `npm run check`. */
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
      name: "infrastructure-never-imports-interfaces",
      severity: "error",
      from: { path: "^src/infrastructure" },
      to: { path: "^src/(interfaces|container|server|main)" },
    },
    {
      name: "interfaces-never-import-adapters",
      comment: "Controllers call use-cases; only the composition root picks adapters (types for logging excepted).",
      severity: "error",
      from: { path: "^src/interfaces" },
      to: { path: "^src/infrastructure", pathNot: "^src/infrastructure/logging/" },
    },
    {
      name: "only-the-composition-root-uses-tsyringe",
      severity: "error",
      from: { path: "^src", pathNot: "^src/container\\.ts$" },
      to: { path: "node_modules/(tsyringe|reflect-metadata)/" },
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
