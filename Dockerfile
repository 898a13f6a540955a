# One image, several commands: the API (default), the worker, and every command-line tool:
#   docker run IMAGE                               the API (dist/main/api.js)
#   docker run IMAGE dist/main/worker.js           a notification worker
#   docker run IMAGE dist/main/dead-letters.js list user:signup
# Nothing secret is baked in: configuration comes from the environment at run time.

# --- build: every dependency, then TypeScript → dist/ -------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies and the compiled JavaScript only ---------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# The MongoDB-wire test server is an optional dependency for the test suites: 20 MB the image does not need.
# (--omit=optional would also drop sharp's native binaries, which the catalog needs.)
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/@jongodb \
  && npm cache clean --force
COPY --from=build /app/dist ./dist
# var/ holds the catalog images and .eml mails (mount a volume there); owned by the unprivileged user.
RUN mkdir -p var && chown node:node var
USER node
EXPOSE 3000
# slim has no curl: node's own fetch. PORT as the container was configured (3000 unless overridden).
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form, no shell in between: node is PID 1 and receives SIGTERM itself. PID 1 gets no default signal
# handling from the kernel, but the API and the worker install their own SIGTERM/SIGINT handlers (graceful
# shutdown), so `docker stop` drains requests and messages. They start no child processes, so nothing needs reaping.
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["dist/main/api.js"]
