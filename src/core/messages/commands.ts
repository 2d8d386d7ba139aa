import { displayWidth } from '../table.js';
import { catalog } from './catalog-types.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `label: value` lines with the values lined up. */
const aligned = (rows: readonly (readonly [string, string])[]) => {
  const w = Math.max(...rows.map(([label]) => displayWidth(label))) + 2;
  return rows.map(([label, value]) => `${label}:${' '.repeat(w - displayWidth(label) - 1)}${value}`).join('\n');
};

/** What a missing argument is, for `args.missing`: its name in both languages and how usage writes it. */
export type ArgWhat = 'container' | 'job' | 'image' | 'source' | 'containerCommand';
const ARG_WHAT: Record<ArgWhat, { en: string; ko: string; usage: string }> = {
  container: { en: 'a container', ko: '컨테이너를', usage: 'CONTAINER' },
  job: { en: 'a job', ko: '작업 번호를', usage: 'JOB' },
  image: { en: 'an image', ko: '이미지를', usage: 'IMAGE' },
  source: { en: 'a source', ko: '복사할 대상을', usage: 'FILE CONTAINER:PATH' },
  containerCommand: { en: 'a container and a command', ko: '컨테이너와 명령을', usage: 'CONTAINER COMMAND' },
};

/** States a job of the queue is in, as `/docker jobs` shows them. */
const JOB_STATE: Record<string, { en: string; ko: string }> = {
  waiting: { en: 'waiting', ko: '대기' },
  'waiting-children': { en: 'waiting', ko: '대기' },
  prioritized: { en: 'waiting', ko: '대기' },
  delayed: { en: 'delayed', ko: '지연' },
  active: { en: 'active', ko: '실행 중' },
  completed: { en: 'completed', ko: '완료' },
  failed: { en: 'failed', ko: '실패' },
  unknown: { en: 'unknown', ko: '알 수 없음' },
};

/** The values `/docker inspect` summarises. */
interface Inspected {
  id: string;
  name: string;
  image: string;
  command: string;
  status: string;
  /** -1 when the container has not exited. */
  exitCode: number;
  oom: number;
  created: string;
  started: string;
  finished: string;
  owner: string;
  user: string;
  memory: string;
  cpus: number;
  pids: number;
  network: string;
  readOnly: number;
  capDrop: string;
  securityOpt: string;
  labels: string;
}

/** The values `/docker volume inspect` summarises. */
interface VolumeSummary {
  name: string;
  volume: string;
  owner: string;
  size: string;
  usedBy: string;
  created: string;
}

/** The /docker subcommands' own words: their replies, refusals, table columns and buttons. */
export const commandMessages = catalog({
  'args.missing': {
    en: (p: { command: string; what: ArgWhat }) => `"${p.command}" needs ${ARG_WHAT[p.what].en}.`,
    ko: (p: { command: string; what: ArgWhat }) => `"${p.command}" 명령에는 ${ARG_WHAT[p.what].ko} 적어야 합니다.`,
  },
  'args.missing.hint': {
    en: (p: { command: string; what: ArgWhat }) => `Write /docker ${p.command} ${ARG_WHAT[p.what].usage}.`,
    ko: (p: { command: string; what: ArgWhat }) => `/docker ${p.command} ${ARG_WHAT[p.what].usage} 형식으로 적으세요.`,
  },
  'column.time': { en: 'TIME (UTC)', ko: '시각 (UTC)' },
  'column.user': { en: 'USER', ko: '사용자' },
  'column.channel': { en: 'CHANNEL', ko: '채널' },
  'column.verdict': { en: 'VERDICT', ko: '판정' },
  'column.job': { en: 'JOB', ko: '작업' },
  'column.command': { en: 'COMMAND', ko: '명령' },
  'column.owner': { en: 'OWNER', ko: '소유자' },
  'column.kind': { en: 'KIND', ko: '종류' },
  'column.name': { en: 'NAME', ko: '이름' },
  'column.why': { en: 'WHY', ko: '이유' },
  'column.size': { en: 'SIZE', ko: '크기' },
  'column.usedBy': { en: 'USED BY', ko: '사용 중인 컨테이너' },
  'column.created': { en: 'CREATED', ko: '만든 때' },
  'column.state': { en: 'STATE', ko: '상태' },
  'column.queued': { en: 'QUEUED', ko: '대기열에 넣은 때' },
  'column.took': { en: 'TOOK', ko: '걸린 시간' },
  'column.exit': { en: 'EXIT', ko: '종료 코드' },
  'column.whatItDoes': { en: 'WHAT IT DOES', ko: '설명' },
  'field.exitCode': { en: 'Exit code', ko: '종료 코드' },
  'field.duration': { en: 'Duration', ko: '걸린 시간' },
  'field.image': { en: 'Image', ko: '이미지' },
  'field.container': { en: 'Container', ko: '컨테이너' },
  'field.state': { en: 'State', ko: '상태' },
  'field.headers': { en: 'Headers', ko: '헤더' },
  'field.none': { en: '(none)', ko: '(없음)' },
  'button.logs': { en: 'Logs', ko: '로그' },
  'button.remove': { en: 'Remove', ko: '삭제' },
  'button.rerun': { en: 'Run again', ko: '다시 실행' },
  'button.explain': { en: 'Explain', ko: '설명' },
  'button.hint': { en: 'Hint', ko: '힌트' },
  'button.skip': { en: 'Skip', ko: '건너뛰기' },
  'button.next': { en: 'Next', ko: '다음' },
  'kind.container': { en: 'container', ko: '컨테이너' },
  'kind.image': { en: 'image', ko: '이미지' },
  'kind.volume': { en: 'volume', ko: '볼륨' },
  'container.notRunning': {
    en: (p: { name: string }) => `${p.name} is not running.`,
    ko: (p: { name: string }) => `${p.name} 컨테이너가 실행 중이 아닙니다.`,
  },
  'container.notRunning.hint': {
    en: (p: { name: string }) => `Start it first: /docker start ${p.name}`,
    ko: (p: { name: string }) => `먼저 시작하세요: /docker start ${p.name}`,
  },
  'image.notHere': {
    en: (p: { ref: string }) => `Image ${p.ref} is not on the sandbox host, and --pull never forbids pulling it.`,
    ko: (p: { ref: string }) => `${p.ref} 이미지가 샌드박스 호스트에 없고, --pull never라서 받아 올 수도 없습니다.`,
  },
  'image.notHere.hint': {
    en: (p: { ref: string }) => `Run /docker pull ${p.ref} first.`,
    ko: (p: { ref: string }) => `먼저 /docker pull ${p.ref}를 실행하세요.`,
  },
  'job.notYours': {
    en: (p: { id: string }) => `No job #${p.id} of yours is remembered.`,
    ko: (p: { id: string }) => `기록에 남은 내 작업 중에 #${p.id} 작업이 없습니다.`,
  },
  'job.notYours.hint': {
    en: '`/docker jobs` lists your jobs; finished ones are kept for a while.',
    ko: '내 작업 목록은 `/docker jobs`에서 볼 수 있습니다. 끝난 작업도 한동안 남아 있습니다.',
  },
  'audit.badCount': {
    en: (p: { text: string }) => `audit takes a number of entries, not "${p.text}".`,
    ko: (p: { text: string }) => `audit에는 보여 줄 기록 개수(숫자)를 적어야 합니다 (입력한 값: "${p.text}").`,
  },
  'audit.title': {
    en: (p: { count: number }) => `Last ${p.count} audit entries`,
    ko: (p: { count: number }) => `최근 감사 기록 ${p.count}건`,
  },
  'audit.exit': { en: (p: { code: number }) => `exit ${p.code}`, ko: (p: { code: number }) => `종료 코드 ${p.code}` },
  'cancel.removed': {
    en: (p: { id: string }) => `Job #${p.id} was cancelled before it started`,
    ko: (p: { id: string }) => `#${p.id} 작업을 시작 전에 취소했습니다`,
  },
  'cancel.stopping': {
    en: (p: { id: string }) => `Job #${p.id} is being stopped`,
    ko: (p: { id: string }) => `#${p.id} 작업을 멈추는 중입니다`,
  },
  'cancel.finished': {
    en: (p: { id: string }) => `Job #${p.id} had already finished`,
    ko: (p: { id: string }) => `#${p.id} 작업은 이미 끝났습니다`,
  },
  'cleanup.busy': { en: 'Another cleanup is running', ko: '다른 정리 작업이 실행 중입니다' },
  'cleanup.busy.body': {
    en: 'Nothing was done; try again when it has finished.',
    ko: '아무것도 하지 않았습니다. 그 작업이 끝나면 다시 시도하세요.',
  },
  'cleanup.nothing': {
    en: (p: { dryRun: number }) => `Cleanup: nothing to remove${p.dryRun ? ' (dry run)' : ''}`,
    ko: (p: { dryRun: number }) => `정리: 지울 것이 없습니다${p.dryRun ? ' (시험 실행)' : ''}`,
  },
  'cleanup.done': {
    en: (p: { dryRun: number; count: number; size: string }) =>
      `Cleanup ${p.dryRun ? 'would remove' : 'removed'} ${plural(p.count, 'object')}, ${p.size}${p.dryRun ? ' (dry run: nothing was removed)' : ''}`,
    ko: (p: { dryRun: number; count: number; size: string }) =>
      p.dryRun
        ? `정리 시험 실행: ${p.count}개, ${p.size}를 지울 수 있습니다 (실제로 지운 것은 없습니다)`
        : `정리: ${p.count}개, ${p.size}를 지웠습니다`,
  },
  'cleanup.freed': {
    en: (p: { dryRun: number }) => (p.dryRun ? 'Space it would free' : 'Space freed'),
    ko: (p: { dryRun: number }) => (p.dryRun ? '확보할 수 있는 공간' : '확보한 공간'),
  },
  'cleanup.noOwner': { en: '(no owner)', ko: '(소유자 없음)' },
  'cp.outNeedsDash': {
    en: 'Copying out of a container sends the file back here: write cp CONTAINER:PATH - .',
    ko: '컨테이너에서 꺼낸 파일은 여기로 돌아옵니다. cp CONTAINER:PATH - 형식으로 적으세요.',
  },
  'cp.needsContainerPath': {
    en: 'cp needs CONTAINER:PATH on one side, e.g. cp index.html site:/www/index.html.',
    ko: 'cp에는 한쪽에 CONTAINER:PATH가 있어야 합니다. 예: cp index.html site:/www/index.html',
  },
  'cp.copiedIn': {
    en: (p: { file: string; target: string }) => `Copied ${p.file} to ${p.target}`,
    ko: (p: { file: string; target: string }) => `${p.file} 파일을 ${p.target}에 복사했습니다`,
  },
  'cp.copiedOut': {
    en: (p: { source: string; archive: number }) => `${p.source}${p.archive ? ' (a directory, as a .tar)' : ''}`,
    ko: (p: { source: string; archive: number }) => `${p.source}${p.archive ? ' (디렉터리라 .tar로 묶었습니다)' : ''}`,
  },
  'curl.badPath': {
    en: (p: { path: string }) => `"${p.path}" is not a URL path.`,
    ko: (p: { path: string }) => `URL 경로가 아닙니다: "${p.path}"`,
  },
  'curl.badPath.hint': { en: 'e.g. /index.html', ko: '예: /index.html' },
  'curl.badPort': {
    en: (p: { port: string }) => `--port ${p.port} is not a port.`,
    ko: (p: { port: string }) => `--port ${p.port}: 포트 번호가 아닙니다.`,
  },
  'curl.noAnswer': {
    en: (p: { name: string; port: number }) => `Nothing answers on ${p.name} port ${p.port}`,
    ko: (p: { name: string; port: number }) => `${p.name} 컨테이너의 ${p.port} 포트에서 응답이 없습니다`,
  },
  'curl.answer': {
    en: (p: { path: string; name: string; status: string }) => `GET ${p.path} on ${p.name}: ${p.status}`,
    ko: (p: { path: string; name: string; status: string }) => `${p.name} 컨테이너에 GET ${p.path}: ${p.status}`,
  },
  'exec.user': {
    en: (p: { user: string }) => `--user ${p.user} is refused: commands run as a non-root numeric uid[:gid].`,
    ko: (p: { user: string }) => `--user ${p.user} 설정은 쓸 수 없습니다. 명령은 root가 아닌 숫자 uid[:gid]로 실행됩니다.`,
  },
  'exec.timedOut': { en: 'Killed at the time limit.', ko: '시간 제한에 걸려 강제 종료했습니다.' },
  'exec.outputCut': {
    en: (p: { size: string }) => `Output cut at ${p.size}.`,
    ko: (p: { size: string }) => `출력이 ${p.size}에서 잘렸습니다.`,
  },
  'help.title': { en: '/docker commands', ko: '/docker 명령' },
  'help.body': {
    en: 'Try `/docker run whalesay boo`. `/docker help run` shows one command in full.',
    ko: '예: `/docker run whalesay boo`. 한 명령의 자세한 사용법은 `/docker help run`에서 볼 수 있습니다.',
  },
  'help.aliases': { en: 'Image aliases', ko: '이미지 별칭' },
  'help.usage': { en: 'Usage:', ko: '사용법:' },
  'help.commandAliases': { en: 'Aliases:', ko: '다른 이름:' },
  'help.options': { en: 'Options:', ko: '옵션:' },
  'help.explainRun': {
    en: '`/docker explain run` shows what Stevedore does with each flag.',
    ko: 'Stevedore가 각 플래그를 어떻게 다루는지는 `/docker explain run`에서 볼 수 있습니다.',
  },
  'images.ids': { en: 'Image IDs', ko: '이미지 ID' },
  'images.title': { en: 'Images on the sandbox host', ko: '샌드박스 호스트의 이미지' },
  'images.none': { en: 'No images yet.', ko: '아직 이미지가 없습니다.' },
  'inspect.title': {
    en: (p: { name: string }) => `Container ${p.name}`,
    ko: (p: { name: string }) => `${p.name} 컨테이너`,
  },
  'inspect.summary': {
    en: (p: Inspected) =>
      [
        `ID:        ${p.id}`,
        `Name:      ${p.name}`,
        `Image:     ${p.image}`,
        `Command:   ${p.command}`,
        `State:     ${p.status}${p.exitCode >= 0 ? ` (exit ${p.exitCode}${p.oom ? ', out of memory' : ''})` : ''}`,
        `Created:   ${p.created}`,
        `Started:   ${p.started}`,
        `Finished:  ${p.finished}`,
        `Owner:     ${p.owner}`,
        `User:      ${p.user}`,
        `Limits:    memory ${p.memory} (no swap), ${p.cpus} CPU, ${p.pids} processes`,
        `Network:   ${p.network}`,
        `Root fs:   ${p.readOnly ? 'read-only' : 'writable'}`,
        `Security:  capabilities dropped: ${p.capDrop || 'none'}; ${p.securityOpt}`,
        ...(p.labels ? [`Labels:    ${p.labels}`] : []),
      ].join('\n'),
    ko: (p: Inspected) =>
      aligned([
        ['ID', p.id],
        ['이름', p.name],
        ['이미지', p.image],
        ['명령', p.command],
        ['상태', `${p.status}${p.exitCode >= 0 ? ` (종료 코드 ${p.exitCode}${p.oom ? ', 메모리 부족' : ''})` : ''}`],
        ['만든 시각', p.created],
        ['시작 시각', p.started],
        ['끝난 시각', p.finished],
        ['소유자', p.owner],
        ['사용자', p.user],
        ['한도', `메모리 ${p.memory} (스왑 없음), CPU ${p.cpus}개, 프로세스 ${p.pids}개`],
        ['네트워크', p.network],
        ['루트 파일 시스템', p.readOnly ? '읽기 전용' : '쓰기 가능'],
        ['보안', `제거한 capability: ${p.capDrop || '없음'}; ${p.securityOpt}`],
        ...(p.labels ? [['라벨', p.labels] as const] : []),
      ]),
  },
  'jobs.title.all': { en: 'Recent jobs', ko: '최근 작업' },
  'jobs.title.mine': { en: 'Your recent jobs', ko: '내 최근 작업' },
  'jobs.none': { en: 'No jobs yet.', ko: '아직 작업이 없습니다.' },
  'jobs.queue': { en: 'Queue', ko: '대기열' },
  'jobs.queue.value': {
    en: (p: { waiting: number; active: number; delayed: number; failed: number }) =>
      `${p.waiting} waiting · ${p.active} active · ${p.delayed} delayed · ${p.failed} failed`,
    ko: (p: { waiting: number; active: number; delayed: number; failed: number }) =>
      `대기 ${p.waiting} · 실행 중 ${p.active} · 지연 ${p.delayed} · 실패 ${p.failed}`,
  },
  'jobs.workers': { en: 'Workers alive', ko: '살아 있는 워커' },
  'jobs.state': {
    en: (p: { state: string }) => JOB_STATE[p.state]?.en ?? p.state,
    ko: (p: { state: string }) => JOB_STATE[p.state]?.ko ?? p.state,
  },
  'logs.badTail': {
    en: (p: { text: string }) => `--tail takes a number of lines or "all", not "${p.text}".`,
    ko: (p: { text: string }) => `--tail에는 줄 수(숫자)나 "all"만 쓸 수 있습니다 (입력한 값: "${p.text}").`,
  },
  'logs.title': {
    en: (p: { name: string }) => `Logs of ${p.name}`,
    ko: (p: { name: string }) => `${p.name} 컨테이너의 로그`,
  },
  'logs.none': { en: 'No output yet.', ko: '아직 출력이 없습니다.' },
  'ps.ids': { en: 'Container IDs', ko: '컨테이너 ID' },
  'ps.title.all': { en: 'All containers', ko: '모든 컨테이너' },
  'ps.title.running': { en: 'Running containers', ko: '실행 중인 컨테이너' },
  'ps.none.all': { en: 'No containers.', ko: '컨테이너가 없습니다.' },
  'ps.none.running': {
    en: 'No running containers; `/docker ps -a` shows stopped ones too.',
    ko: '실행 중인 컨테이너가 없습니다. 멈춘 컨테이너까지 보려면 `/docker ps -a`를 쓰세요.',
  },
  'pull.done': {
    en: (p: { image: string }) => `Pulled ${p.image}`,
    ko: (p: { image: string }) => `${p.image} 이미지를 받았습니다`,
  },
  'lifecycle.stop': {
    en: (p: { names: string }) => `Stopped ${p.names}`,
    ko: (p: { names: string }) => `${p.names} 컨테이너를 멈췄습니다`,
  },
  'lifecycle.start': {
    en: (p: { names: string }) => `Started ${p.names}`,
    ko: (p: { names: string }) => `${p.names} 컨테이너를 시작했습니다`,
  },
  'lifecycle.restart': {
    en: (p: { names: string }) => `Restarted ${p.names}`,
    ko: (p: { names: string }) => `${p.names} 컨테이너를 다시 시작했습니다`,
  },
  'retry.notFailed': {
    en: (p: { id: string; state: string }) => `Job #${p.id} did not fail (it is ${p.state}).`,
    ko: (p: { id: string; state: string }) => `#${p.id} 작업은 실패하지 않았습니다 (상태: ${JOB_STATE[p.state]?.ko ?? p.state}).`,
  },
  'retry.notFailed.hint': {
    en: 'Only a failed job is retried; run the command again instead.',
    ko: '실패한 작업만 다시 실행합니다. 대신 명령을 새로 보내세요.',
  },
  'retry.queued': {
    en: (p: { job: string; position: number; of: string }) => `Queued as #${p.job} (position ${p.position}), a retry of #${p.of}`,
    ko: (p: { job: string; position: number; of: string }) =>
      `#${p.of} 작업을 #${p.job} 작업으로 다시 대기열에 넣었습니다 (${p.position}번째)`,
  },
  'rm.nothing': { en: 'Nothing was removed', ko: '아무것도 삭제하지 않았습니다' },
  'rm.running': {
    en: (p: { names: string; count: number }) =>
      `${p.names} ${p.count > 1 ? 'are' : 'is'} running. Stop ${p.count > 1 ? 'them' : 'it'} first, or use rm -f.`,
    ko: (p: { names: string; count: number }) => `${p.names} 컨테이너가 실행 중입니다. 먼저 멈추거나 rm -f를 쓰세요.`,
  },
  'rm.done': {
    en: (p: { count: number }) => `Removed ${plural(p.count, 'container')}`,
    ko: (p: { count: number }) => `컨테이너 ${p.count}개를 삭제했습니다`,
  },
  'rmi.done': {
    en: (p: { images: string }) => `Removed ${p.images}`,
    ko: (p: { images: string }) => `${p.images} 이미지를 삭제했습니다`,
  },
  'run.needsImage': { en: '"run" needs an image.', ko: '"run" 명령에는 이미지를 적어야 합니다.' },
  'run.needsImage.hint': {
    en: 'Write /docker run IMAGE [COMMAND], e.g. /docker run whalesay boo.',
    ko: '/docker run IMAGE [COMMAND] 형식으로 적으세요. 예: /docker run whalesay boo',
  },
  'run.quota': {
    en: (p: { count: number; limit: number }) => `You have ${p.count} containers running in the background; the limit is ${p.limit}.`,
    ko: (p: { count: number; limit: number }) => `백그라운드에서 실행 중인 내 컨테이너가 ${p.count}개입니다. 한도는 ${p.limit}개입니다.`,
  },
  'run.quota.hint': {
    en: (p: { names: string }) => `Nothing was started. Stop one first (${p.names}).`,
    ko: (p: { names: string }) => `아무것도 시작하지 않았습니다. 먼저 하나를 멈추세요 (${p.names}).`,
  },
  'run.detached': {
    en: (p: { name: string }) => `Started ${p.name} in the background`,
    ko: (p: { name: string }) => `${p.name} 컨테이너를 백그라운드에서 시작했습니다`,
  },
  'run.detached.body': {
    en: (p: { name: string; ttl: string }) => `It is stopped and removed after ${p.ttl}. \`/docker logs ${p.name}\` shows its output.`,
    ko: (p: { name: string; ttl: string }) => `${p.ttl} 뒤에 멈추고 삭제합니다. 출력은 \`/docker logs ${p.name}\`에서 볼 수 있습니다.`,
  },
  'run.removed': {
    en: (p: { name: string }) => `${p.name} (removed)`,
    ko: (p: { name: string }) => `${p.name} (삭제됨)`,
  },
  'run.cancelled': {
    en: (p: { by: string }) => `Cancelled by ${p.by}: the container was stopped.`,
    ko: (p: { by: string }) => `${p.by} 님이 취소해 컨테이너를 멈췄습니다.`,
  },
  'run.timedOut': {
    en: (p: { time: string }) => `Killed after ${p.time}: the time limit for a foreground run. Use -d for longer work.`,
    ko: (p: { time: string }) => `${p.time} 뒤에 강제 종료했습니다. 포그라운드 실행의 시간 제한입니다. 오래 걸리는 작업에는 -d를 쓰세요.`,
  },
  'run.oom': {
    en: (p: { limit: string }) => `Killed for running out of memory (limit ${p.limit}).`,
    ko: (p: { limit: string }) => `메모리가 부족해 강제 종료했습니다 (한도 ${p.limit}).`,
  },
  'run.outputCut': {
    en: (p: { size: string }) => `Output cut at ${p.size}; the container was stopped there.`,
    ko: (p: { size: string }) => `출력이 ${p.size}에서 잘려, 그때 컨테이너를 멈췄습니다.`,
  },
  'run.recovered': {
    en: 'Collected from the container this job had already started.',
    ko: '이 작업이 이미 시작해 둔 컨테이너에서 결과를 모았습니다.',
  },
  'volume.badAction': {
    en: (p: { actions: string; action: string }) => `volume takes ${p.actions}, not "${p.action}".`,
    ko: (p: { actions: string; action: string }) => `volume에는 ${p.actions} 중 하나를 적어야 합니다 (입력한 값: "${p.action}").`,
  },
  'volume.badAction.hint': { en: 'e.g. /docker volume create site', ko: '예: /docker volume create site' },
  'volume.needsName': {
    en: (p: { action: string }) => `volume ${p.action} needs a name.`,
    ko: (p: { action: string }) => `volume ${p.action}에는 볼륨 이름이 필요합니다.`,
  },
  'volume.notFound': {
    en: (p: { name: string }) => `You have no volume named ${p.name}.`,
    ko: (p: { name: string }) => `이름이 ${p.name}인 내 볼륨이 없습니다.`,
  },
  'volume.notFound.hint': { en: '`/docker volume ls` lists yours.', ko: '내 볼륨 목록은 `/docker volume ls`에서 볼 수 있습니다.' },
  'volume.created': {
    en: (p: { names: string }) => `Created ${p.names}`,
    ko: (p: { names: string }) => `${p.names} 볼륨을 만들었습니다`,
  },
  'volume.exist': { en: 'Those volumes exist already', ko: '그 볼륨은 이미 있습니다' },
  'volume.mountHint': { en: 'Mount one with /docker run -v NAME:/path …', ko: '/docker run -v NAME:/path … 로 마운트해 쓰세요.' },
  'volume.list': { en: 'Volumes', ko: '볼륨' },
  'volume.none': { en: 'No volumes yet.', ko: '아직 볼륨이 없습니다.' },
  'volume.title': {
    en: (p: { name: string }) => `Volume ${p.name}`,
    ko: (p: { name: string }) => `${p.name} 볼륨`,
  },
  'volume.summary': {
    en: (p: VolumeSummary) =>
      [
        `Name:     ${p.name}`,
        `Engine:   ${p.volume}`,
        `Owner:    ${p.owner}`,
        `Size:     ${p.size || 'unknown'}`,
        `Used by:  ${p.usedBy || 'no container'}`,
        `Created:  ${p.created}`,
      ].join('\n'),
    ko: (p: VolumeSummary) =>
      aligned([
        ['이름', p.name],
        ['엔진의 볼륨 이름', p.volume],
        ['소유자', p.owner],
        ['크기', p.size || '알 수 없음'],
        ['사용 중인 컨테이너', p.usedBy || '없음'],
        ['만든 시각', p.created],
      ]),
  },
  'volume.busy': {
    en: (p: { busy: string }) =>
      `${(JSON.parse(p.busy) as [string, string][]).map(([v, users]) => `${v} is used by ${users}`).join('; ')}.`,
    ko: (p: { busy: string }) =>
      `${(JSON.parse(p.busy) as [string, string][]).map(([v, users]) => `${v} 볼륨을 ${users} 컨테이너가 쓰고 있습니다`).join('; ')}.`,
  },
  'volume.busy.hint': { en: 'Remove those containers first.', ko: '먼저 그 컨테이너를 삭제하세요.' },
  'volume.removed': {
    en: (p: { names: string }) => `Removed ${p.names}`,
    ko: (p: { names: string }) => `${p.names} 볼륨을 삭제했습니다`,
  },
  'volume.pruned': {
    en: (p: { count: number; size: string }) => `Removed ${p.count} unused volume${p.count > 1 ? 's' : ''} of yours (${p.size})`,
    ko: (p: { count: number; size: string }) => `쓰지 않는 내 볼륨 ${p.count}개를 삭제했습니다 (${p.size})`,
  },
  'volume.noneUnused': { en: 'No unused volumes of yours', ko: '쓰지 않는 내 볼륨이 없습니다' },
});
