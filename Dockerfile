# Images for docker-compose.yml. `server` runs the worker or the API (TypeScript through tsx);
# `web` serves the built web app with nginx and forwards /api to the API service.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM deps AS build-web
COPY . .
RUN node_modules/.bin/vite build --config designer/vite.config.ts

FROM node:20-bookworm-slim AS server
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY config ./config
COPY domain ./domain
COPY workflows ./workflows
COPY activities ./activities
COPY worker ./worker
COPY api ./api
COPY db ./db
# `docker compose exec api npm run log:verify` checks the supervision log in place.
COPY scripts/verify-log.ts ./scripts/verify-log.ts
USER node
EXPOSE 8080

FROM nginx:1.27-alpine AS web
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build-web /app/designer/dist /usr/share/nginx/html
EXPOSE 80
