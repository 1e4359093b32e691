# syntax=docker/dockerfile:1
# Allmende image: the API server (serving the built web app), the workers and the migration script all
# run from it (see docker-compose.yml). The server runs TypeScript through tsx, so there is no
# compile step for it; only the web app is built.

ARG NODE_IMAGE=node:20-bookworm-slim

# Dependencies. The root postinstall (scripts/generate-prisma.mjs) generates the Prisma client from
# prisma/schema.prisma, so those files come in before `npm ci`. PRISMA_SCHEMA_ENGINE_BINARY also
# stops @prisma/engines from downloading a native schema engine the project never runs (migrations
# go through @prisma/schema-engine-wasm).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
COPY ledger/package.json ledger/
COPY api/package.json api/
COPY web/package.json web/
COPY scripts/generate-prisma.mjs scripts/
COPY prisma/schema.prisma prisma/prisma.config.ts prisma/
RUN --mount=type=cache,target=/root/.npm \
    PRISMA_SCHEMA_ENGINE_BINARY=/usr/local/bin/node npm ci

# The web app (Vite) into web/dist.
FROM deps AS build
COPY . .
RUN npm run build

# Runtime. node_modules keeps the dev dependencies because the server runs under tsx and migrations
# use @prisma/schema-engine-wasm. Application files stay owned by root; the app user writes only
# to DATA_DIR. npm runs scripts through bash, which execs the single command, so the SIGTERM that
# npm forwards on `docker stop` reaches tsx and the server shuts down cleanly (with /bin/sh, an
# intermediate shell would swallow it).
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PORT=4000 \
    NPM_CONFIG_SCRIPT_SHELL=/bin/bash \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/ledger ./ledger
COPY --from=build /app/api ./api
COPY --from=build /app/scripts ./scripts
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/web/package.json ./web/package.json
COPY --from=build /app/web/dist ./web/dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["npm", "start"]
