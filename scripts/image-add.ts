// Brings an image in offline, as an admin: loads a `docker save` tarball into the sandbox engine (DOCKER_HOST) and
// pins each of its tags for this deployment, so what runs is exactly what was loaded.
// Usage: npm run image:add -- FILE.tar
import { createReadStream, existsSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { parseImageRef } from '../src/core/image-ref.js';
import { isUserError } from '../src/errors.js';
import { allowedImagePatterns, checkImageAllowed } from '../src/policy/images.js';
import { dockerClient } from '../src/sandbox/docker-client.js';
import { loadAndPin } from '../src/sandbox/image-pins.js';

const file = process.argv[2];
if (!file || !existsSync(file)) {
  process.stderr.write('Usage: npm run image:add -- FILE.tar   (a tarball made by `docker save IMAGE:TAG -o FILE.tar`)\n');
  process.exit(2);
}
const config = loadConfig();
const loaded = await loadAndPin(dockerClient(config), config.deployment, createReadStream(file));
if (!loaded.length) {
  process.stderr.write(`${file} holds no tagged image: save it by its name (docker save IMAGE:TAG), not by its ID.\n`);
  process.exit(1);
}
const patterns = allowedImagePatterns(config.policy.images);
for (const { image, id } of loaded) {
  let allowed = true;
  try {
    checkImageAllowed(parseImageRef(image), patterns);
  } catch (error) {
    if (!isUserError(error)) throw error;
    allowed = false;
  }
  process.stdout.write(
    `${image}: loaded and pinned as ${id} for deployment ${config.deployment}` +
      (allowed ? '.\n' : `; not yet allowed: add it to the policy file's images to let users run it.\n`),
  );
}
