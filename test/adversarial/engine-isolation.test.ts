import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { dockerClient } from '../../src/sandbox/docker-client.js';
import { engineIsolationWarnings, isolationWarnings } from '../../src/sandbox/engine-isolation.js';

/** An engine that does not remap user namespaces is said to be one, at start and on /healthz. */
describe('the engine itself', () => {
  it('warns about an engine without userns-remap, and not about one with it or a rootless one', () => {
    expect(isolationWarnings(['name=seccomp,profile=default'])).toEqual([expect.stringMatching(/does not remap user namespaces/)]);
    expect(isolationWarnings(['name=seccomp,profile=default', 'name=userns'])).toEqual([]);
    expect(isolationWarnings(['name=seccomp,profile=default', 'name=rootless', 'name=cgroupns'])).toEqual([]);
    expect(isolationWarnings(['name=userns'])).toEqual([expect.stringMatching(/no seccomp support/)]);
  });

  it("reads the engine's own SecurityOptions", async () => {
    const docker = dockerClient(loadConfig({ ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}) }));
    const info = (await docker.info()) as { SecurityOptions: string[] };
    const remapped = info.SecurityOptions.some((o) => /name=(userns|rootless)/.test(o));
    const warnings = await engineIsolationWarnings(docker);
    expect(warnings.some((w) => /does not remap user namespaces/.test(w))).toBe(!remapped);
  });
});
