# dnma-tag image: the reverse proxy (default), the legacy demo ENT or the demo ENT.
# The proxy is configured by environment (DNMA_TAG_PROXY_TARGET, DNMA_TAG_PLAN,
# DNMA_TAG_SECRET...) or by flags and a mounted --config file: see README.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY client ./client
COPY scripts ./scripts
COPY src ./src
COPY demo ./demo
COPY marking-plans ./marking-plans
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
# Note: inside a container the proxy must listen on every interface to be reachable.
ENV NODE_ENV=production HOST=0.0.0.0 DNMA_TAG_PROXY_HOST=0.0.0.0
USER node
EXPOSE 3000
CMD ["node", "bin/dnma-tag.js", "proxy"]
