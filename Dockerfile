# dnma-tag image: the proxy (default) or the demo ENT (npm start).
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
ENV NODE_ENV=production HOST=0.0.0.0
USER node
EXPOSE 3000
CMD ["node", "dist/demo/main.js"]
