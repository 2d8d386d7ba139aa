import type Docker from 'dockerode';

/**
 * Runs a shell script as root of the engine's host, with its loop devices and `dir` (at /disks): what an operator
 * could do there, to look at volume images and loop devices or to detach one. Returns the script's output;
 * throws when it exits with another code than 0.
 */
export async function onEngineHost(docker: Docker, dir: string, script: string): Promise<string> {
  const container = await docker.createContainer({
    Image: 'busybox:latest',
    Entrypoint: ['sh', '-c', script],
    User: '0:0',
    HostConfig: {
      UsernsMode: 'host',
      NetworkMode: 'none',
      CapDrop: ['ALL'],
      CapAdd: ['MKNOD', 'SYS_ADMIN', 'DAC_OVERRIDE', 'FOWNER'],
      Devices: [{ PathOnHost: '/dev/loop-control', PathInContainer: '/dev/loop-control', CgroupPermissions: 'rwm' }],
      DeviceCgroupRules: ['b 7:* rwm'],
      Binds: [`${dir}:/disks`],
    },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    const raw = await container.logs({ stdout: true, stderr: true });
    const parts: Buffer[] = [];
    for (let at = 0; at + 8 <= raw.length; at += 8 + raw.readUInt32BE(at + 4))
      parts.push(raw.subarray(at + 8, at + 8 + raw.readUInt32BE(at + 4)));
    const output = Buffer.concat(parts).toString('utf8');
    if (StatusCode !== 0) throw new Error(`exit ${StatusCode}: ${output}`);
    return output;
  } finally {
    await container.remove({ force: true }).catch(() => {});
  }
}

/** The loop devices whose backing file is the volume's image, as numbers. */
export async function loopsOf(docker: Docker, dir: string, volume: string): Promise<string[]> {
  const out = await onEngineHost(
    docker,
    dir,
    `for d in /sys/block/loop*; do f=$d/loop/backing_file; [ -e $f ] && grep -qF '/${volume}.img' $f && echo \${d#/sys/block/loop}; done; true`,
  );
  return out.split('\n').filter(Boolean);
}
