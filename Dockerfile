# Mitenand as one container: the production build plus the dev dependencies, because the seed (db/seed.ts)
# runs through tsx. Start it with docker compose (see docker-compose.yml) or on its own with DATABASE_URL.
FROM node:20-bookworm-slim

WORKDIR /app

# dependencies first, so source changes do not re-run npm ci; NODE_ENV is set only later, or npm ci would skip
# the dev dependencies the build and the seed need
COPY package.json package-lock.json ./
# postinstall applies patches/ (patch-package) during npm ci
COPY patches ./patches
RUN npm ci --no-audit --no-fund

COPY . .
RUN npm run build \
  && mkdir -p data \
  && chown node:node data

ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0

USER node
EXPOSE 3000

# node:*-slim has no curl; Node 20 has fetch
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# server.js migrates the database on boot and shuts down cleanly on SIGTERM (docker stop)
CMD ["node", "server.js"]
