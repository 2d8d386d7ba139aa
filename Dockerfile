# Stevedore's own image: one image, every role (STEVEDORE_ROLES chooses).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev
COPY images ./images
COPY policy.example.yaml ./
USER node
ENV NODE_ENV=production
CMD ["node", "dist/src/main.js"]
