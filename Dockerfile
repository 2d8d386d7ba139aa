# Stevedore's own image: one image, every role (STEVEDORE_ROLES chooses).
#
# The build context is staged by deploy/images.sh (npm run deploy:images), not the repository itself: the code
# compiled on the build machine (dist/), production dependencies installed there with `npm ci --omit=dev`
# (node_modules/), the sandbox images' sources and the example policy. Nothing is downloaded during the build.
#
# BASE: any Debian-based Node 20 image. node:20-bookworm-slim for real use; here the offline one the script makes
# from Debian's packages and this machine's Node (--build-arg BASE=stevedore/node:20).
ARG BASE=node:20-bookworm-slim
FROM ${BASE}
WORKDIR /app
COPY package.json package-lock.json ./
COPY node_modules ./node_modules
COPY dist ./dist
COPY images ./images
COPY policy.example.yaml ./
# Where a role writes (the audit file): a volume. The root filesystem is read-only in the stack.
RUN mkdir -p /var/lib/stevedore && chown 10001:10001 /var/lib/stevedore
VOLUME /var/lib/stevedore
# A user of its own, by number: the same on any base, none of the base's users.
USER 10001:10001
ENV NODE_ENV=production HEALTH_HOST=0.0.0.0 HEALTH_PORT=9464
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
