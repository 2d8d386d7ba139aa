# Stevedore's own image: one image, every role (STEVEDORE_ROLES chooses).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY commands ./commands
COPY images ./images
COPY policy.example.yaml ./
USER node
ENV NODE_ENV=production
CMD ["node", "--import", "tsx", "src/main.ts"]
