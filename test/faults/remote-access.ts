import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { exited, freePort, until } from '../helpers/processes.js';

export { freePort };

/** Runs a program to its end; throws with what it said when it fails. */
export function must(command: string, args: string[], env?: Record<string, string>): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: env && { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr || result.error}`);
  return result.stdout;
}

/** Whether something accepts a connection on 127.0.0.1:port now. */
export function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * A program of the test's own in a process group of its own, its output in a log file: stopped with every process
 * it forked (socat's and sshd's children), by the group's id, which is its own pid.
 */
export class OwnProcess {
  private child?: ChildProcess;

  constructor(
    readonly log: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env?: Record<string, string>,
  ) {}

  start(): void {
    const out = openSync(this.log, 'a');
    this.child = spawn(this.command, this.args, { stdio: ['ignore', out, out], detached: true, env: { ...process.env, ...this.env } });
    closeSync(out);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited(child);
    this.child = undefined;
  }
}

export interface TlsFiles {
  /** The CA that signed the engine's certificate and the client's. */
  ca: string;
  /** A CA that signed neither: an engine checked with it is not trusted. */
  otherCa: string;
  engine: { cert: string; key: string };
  client: { cert: string; key: string };
}

/** A CA of the test's own and what it signs: the engine's certificate for 127.0.0.1, and the client's (openssl). */
export function makeTlsFiles(dir: string): TlsFiles {
  mkdirSync(dir, { recursive: true });
  const at = (name: string) => join(dir, name);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1'];
  for (const ca of ['ca', 'other-ca'])
    must('openssl', ['req', '-x509', ...ec, '-keyout', at(`${ca}-key.pem`), '-out', at(`${ca}.pem`), '-subj', `/CN=${ca}`]);
  const signed = (name: string, usage: string, extra: string[] = []) => {
    const [cert, key] = [at(`${name}-cert.pem`), at(`${name}-key.pem`)];
    const signer = ['-CA', at('ca.pem'), '-CAkey', at('ca-key.pem')];
    must('openssl', [
      'req',
      '-x509',
      ...ec,
      ...signer,
      '-keyout',
      key,
      '-out',
      cert,
      '-subj',
      `/CN=${name}`,
      '-addext',
      'basicConstraints=CA:FALSE',
      '-addext',
      `extendedKeyUsage=${usage}`,
      ...extra,
    ]);
    return { cert, key };
  };
  return {
    ca: at('ca.pem'),
    otherCa: at('other-ca.pem'),
    engine: signed('engine', 'serverAuth', ['-addext', 'subjectAltName=IP:127.0.0.1']),
    client: signed('client', 'clientAuth'),
  };
}

/**
 * Debian's sshd on 127.0.0.1 (a port of its own, its own host key and configuration, nothing of /etc/ssh), letting in
 * this user by the key an ssh-agent of its own holds. A login's environment has DOCKER_HOST (sshd's SetEnv), so
 * `docker system dial-stdio`, what the client runs there, reaches the engine named.
 */
export class OwnSshd {
  private readonly sshd: OwnProcess;
  private readonly sshAgent: OwnProcess;
  /** /run/sshd, sshd's privilege separation directory (compiled in): made when missing, and removed after. */
  private madeRunDir = false;
  port = 0;

  constructor(
    readonly dir: string,
    private readonly dockerHost: string,
  ) {
    this.sshd = new OwnProcess(join(dir, 'sshd.log'), '/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')]);
    this.sshAgent = new OwnProcess(join(dir, 'ssh-agent.log'), 'ssh-agent', ['-D', '-a', this.authSock]);
  }

  get authSock(): string {
    return join(this.dir, 'auth.sock');
  }

  get user(): string {
    return must('id', ['-un']).trim();
  }

  private key(name: string): string {
    const file = join(this.dir, name);
    if (!existsSync(file)) must('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', file]);
    return file;
  }

  /** The host key's line for known_hosts (`[127.0.0.1]:port type key`), or another key's under the same name. */
  knownHostsLine(key: 'host' | 'other' = 'host'): string {
    const [type, base64] = readFileSync(`${this.key(key === 'host' ? 'host_key' : 'other_host_key')}.pub`, 'utf8').split(' ');
    return `[127.0.0.1]:${this.port} ${type} ${base64}`;
  }

  async start(): Promise<void> {
    mkdirSync(this.dir, { recursive: true });
    if (!existsSync('/run/sshd')) {
      mkdirSync('/run/sshd', { mode: 0o755 });
      this.madeRunDir = true;
    }
    this.port = await freePort();
    const userKey = this.key('user_key');
    writeFileSync(join(this.dir, 'authorized_keys'), readFileSync(`${userKey}.pub`));
    mkdirSync(join(this.dir, 'docker-config'), { recursive: true });
    const config = [
      `ListenAddress 127.0.0.1:${this.port}`,
      `HostKey ${this.key('host_key')}`,
      `PidFile ${join(this.dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(this.dir, 'authorized_keys')}`,
      `AllowUsers ${this.user}`,
      'AuthenticationMethods publickey',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'StrictModes no',
      'PrintMotd no',
      'PrintLastLog no',
      // The docker CLI of a login reaches the test's engine, with a configuration of the test's own.
      `SetEnv DOCKER_HOST=${this.dockerHost} DOCKER_CONFIG=${join(this.dir, 'docker-config')}`,
    ];
    writeFileSync(join(this.dir, 'sshd_config'), `${config.join('\n')}\n`);
    this.sshd.start();
    await until(() => accepting(this.port), 15_000, 'the test sshd');
    this.sshAgent.start();
    await until(() => existsSync(this.authSock), 15_000, 'the test ssh-agent');
    must('ssh-add', ['-q', userKey], { SSH_AUTH_SOCK: this.authSock });
  }

  async stop(): Promise<void> {
    await this.sshd.stop();
    await this.sshAgent.stop();
    if (this.madeRunDir) rmdirSync('/run/sshd');
    this.madeRunDir = false;
  }
}
