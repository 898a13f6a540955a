import js from "@eslint/js";
import tseslint from "typescript-eslint";

const adapterLibraries = ["koa", "koa-*", "@koa/*", "tsyringe", "mongodb", "redis", "nodemailer", "cloudinary", "bcrypt", "jsonwebtoken", "zod", "pino", "sharp", "rate-limiter-flexible"];

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "coverage/", "var/", "**/*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", setInterval: "readonly", clearInterval: "readonly", setImmediate: "readonly", performance: "readonly", URL: "readonly", structuredClone: "readonly", fetch: "readonly", AbortController: "readonly", AbortSignal: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // Second line of defence next to dependency-cruiser: the core never names an adapter's library.
    files: ["src/domain/**/*.ts", "src/application/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: adapterLibraries, message: "Domain and application code depend on ports only." }] }],
      "no-restricted-globals": ["error", { name: "process", message: "Configuration is read once, in infrastructure/config." }],
    },
  },
);
