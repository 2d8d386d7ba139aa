import type Docker from 'dockerode';
import { UserError } from '../errors.js';
import { parseImageRef, type ImageRef } from '../core/image-ref.js';
import { msg } from '../core/messages/index.js';
import { unlessMissing } from './engine-errors.js';

/**
 * Images run by the digest they had when the deployment first took them, not by whatever a tag points to now.
 * The record is kept on the engine that holds the images, as a tag of the deployment's own
 * (`<deployment>-pin/<registry>/<path>:<tag>`): made when the image is first run or pulled by an admin, moved
 * only by an admin's pull (or by an admin removing the pin tag). A user's pull of a changed tag moves the tag,
 * not the pin, so it does not change what runs; a digest that is not the pinned one is refused.
 */
export function pinRepo(deployment: string, image: ImageRef): string {
  return `${deployment}-pin/${image.registry.toLowerCase().replace(/[^a-z0-9.-]/g, '-')}/${image.path}`;
}

const pinTag = (image: ImageRef) => image.tag ?? 'latest';

/** The repository as a familiar name, without tag or digest (`busybox`, `reg:5000/team/app`). */
export const repoName = (image: ImageRef) => image.familiar.replace(/@.*$/, '').replace(/:[^:/]+$/, '');

const inspect = (docker: Docker, ref: string) => unlessMissing(docker.getImage(ref).inspect());

/** Records what `image` (a tag, present on the engine) points to now as the deployment's pin. */
export async function pinImage(docker: Docker, deployment: string, image: ImageRef): Promise<string> {
  const info = await inspect(docker, image.familiar);
  if (!info) throw new UserError('not-found', msg('pin.missing', { image: image.familiar }));
  await docker.getImage(info.Id).tag({ repo: pinRepo(deployment, image), tag: pinTag(image) });
  return info.Id;
}

/** The pin of `image` on this engine: its image ID, and the registry digest it was pulled by (none when loaded). */
export async function pinOf(docker: Docker, deployment: string, image: ImageRef): Promise<{ id: string; digest?: string } | undefined> {
  const pinned = await inspect(docker, `${pinRepo(deployment, image)}:${pinTag(image)}`);
  if (!pinned) return undefined;
  const digest = (pinned.RepoDigests ?? []).find((d) => d.startsWith(`${repoName(image)}@`))?.split('@')[1];
  return { id: pinned.Id, ...(digest ? { digest } : {}) };
}

/** Pins `image` to the image its repository's `digest` names (present on the engine): the pin another host holds. */
export async function pinDigest(docker: Docker, deployment: string, image: ImageRef, digest: string): Promise<string> {
  const ref = `${repoName(image)}@${digest}`;
  const info = await inspect(docker, ref);
  if (!info) throw new UserError('not-found', msg('pin.missing', { image: ref }));
  await docker.getImage(info.Id).tag({ repo: pinRepo(deployment, image), tag: pinTag(image) });
  return info.Id;
}

/**
 * The image ID a container of `image` is created from. A tag runs its pin (made now on first use); a digest runs
 * only when it is the digest of one of the repository's pins, and is refused otherwise.
 */
export async function pinnedImageId(docker: Docker, deployment: string, image: ImageRef): Promise<string> {
  const repo = pinRepo(deployment, image);
  if (image.digest) {
    const pins = await docker.listImages({ filters: { reference: [`${repo}:*`] } });
    // The list leaves RepoDigests out once filtered by reference: ask each pinned image for its own.
    let match: string | undefined;
    for (const pin of pins) {
      const digests = (await inspect(docker, pin.Id))?.RepoDigests ?? [];
      if (digests.some((d) => d.endsWith(`@${image.digest}`))) match = pin.Id;
    }
    if (!match)
      throw new UserError('image-not-allowed', msg('pin.unknownDigest', { image: image.familiar }), msg('pin.unknownDigest.hint'));
    return match;
  }
  const pinned = await inspect(docker, `${repo}:${pinTag(image)}`);
  return pinned ? pinned.Id : pinImage(docker, deployment, image);
}

/** Points a tag the user named back at the pinned image when something (a pull) moved it; a digest needs nothing. */
export async function pointTagAtPin(docker: Docker, image: ImageRef, pinnedId: string): Promise<void> {
  if (image.digest) return;
  if ((await inspect(docker, image.familiar))?.Id === pinnedId) return;
  await docker.getImage(pinnedId).tag({ repo: image.familiar.replace(/:[^:/]+$/, ''), tag: pinTag(image) });
}

/** A tag moved again between pointing it and creating the container: remove the container, say so. */
export async function createdFrom(container: Docker.Container, pinnedId: string, image: ImageRef): Promise<void> {
  const info = await container.inspect();
  if (info.Image === pinnedId) return;
  await container.remove({ force: true }).catch(() => {});
  throw new UserError('conflict', msg('pin.moved', { image: image.familiar }), msg('pin.moved.hint'));
}

/**
 * An image brought in offline by an admin (a `docker save` tarball): loaded into the engine, and each of its tags
 * pinned at once, so the deployment runs exactly what was loaded (by its image ID: a loaded image has no registry
 * digest) until an admin moves the pin. Returns what was loaded.
 */
export async function loadAndPin(
  docker: Docker,
  deployment: string,
  tarball: NodeJS.ReadableStream,
): Promise<{ image: string; id: string }[]> {
  const stream = await docker.loadImage(tarball as never);
  const said: string[] = [];
  await new Promise((resolve, reject) =>
    docker.modem.followProgress(
      stream,
      (error: Error | null) => (error ? reject(error) : resolve(undefined)),
      (event: { stream?: string; error?: string }) => event.stream && said.push(event.stream),
    ),
  );
  const tags = said.flatMap((line) => /^Loaded image: (\S+)/.exec(line.trim())?.slice(1) ?? []);
  const loaded: { image: string; id: string }[] = [];
  for (const tag of tags) {
    const image = parseImageRef(tag);
    loaded.push({ image: image.familiar, id: await pinImage(docker, deployment, image) });
  }
  return loaded;
}
