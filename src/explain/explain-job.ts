import type { Lang } from '../core/flag-spec.js';
import type { JobInfo } from '../core/queue-ports.js';
import type { Reply, RunOutcome } from '../core/reply.js';
import { withoutPrefix } from '../core/parse.js';
import { formatDuration } from '../core/units.js';

/** What an exit code means, as a shell and the Docker CLI use them. */
export function exitCodeMeaning(code: number, lang: Lang): string {
  const en: Record<number, string> = {
    0: 'success: the command finished without error',
    1: 'a general error reported by the program itself',
    2: 'the shell was misused (a bad option or syntax)',
    125: 'Docker itself failed to run the container (the error is from the engine, not the program)',
    126: 'the command was found but could not be executed (permissions, or a noexec file system such as /tmp here)',
    127: 'the command was not found in the image',
    130: 'interrupted (SIGINT)',
    137: 'killed with SIGKILL: out of memory, a time limit, or a stop that did not finish in time',
    139: 'crashed with a segmentation fault (SIGSEGV)',
    143: 'terminated with SIGTERM (a stop)',
  };
  const ko: Record<number, string> = {
    0: '성공: 명령이 오류 없이 끝났다',
    1: '프로그램 스스로 알린 일반 오류',
    2: '셸 사용 오류 (잘못된 옵션이나 문법)',
    125: 'Docker가 컨테이너를 실행하지 못했다 (프로그램이 아니라 엔진의 오류)',
    126: '명령은 있지만 실행할 수 없다 (권한, 또는 여기의 /tmp 같은 noexec 파일 시스템)',
    127: '이미지 안에서 명령을 찾지 못했다',
    130: '중단됨 (SIGINT)',
    137: 'SIGKILL로 종료됨: 메모리 부족, 시간 제한, 또는 제때 끝나지 않은 stop',
    139: '세그멘테이션 오류로 비정상 종료 (SIGSEGV)',
    143: 'SIGTERM으로 종료됨 (stop)',
  };
  const table = lang === 'ko' ? ko : en;
  if (table[code]) return table[code]!;
  if (code > 128 && code < 160) return lang === 'ko' ? `시그널 ${code - 128}로 종료됨` : `killed by signal ${code - 128}`;
  return lang === 'ko' ? '프로그램이 정한 오류 코드' : "an error code of the program's own";
}

/** The story of one job: its state, and for a run, what its exit code and limits say happened. */
export function renderJobExplanation(job: JobInfo, lang: Lang): Reply {
  const lines: string[] = [];
  const ko = lang === 'ko';
  lines.push(`${ko ? '명령' : 'Command'}: /docker ${withoutPrefix(job.shownText)}`);
  lines.push(
    `${ko ? '상태' : 'State'}: ${job.state}${job.attemptsMade > 1 ? ` (${job.attemptsMade} ${ko ? '번 시도' : 'attempts'})` : ''}`,
  );
  const outcome: RunOutcome | undefined = job.outcome;
  if (outcome) {
    lines.push(`${ko ? '종료 코드' : 'Exit code'}: ${outcome.exitCode}: ${exitCodeMeaning(outcome.exitCode, lang)}`);
    if (outcome.timedOut)
      lines.push(
        ko ? '시간 제한에 걸려 강제 종료되었다 (긴 작업은 -d로 실행).' : 'It hit the time limit and was killed (run long work with -d).',
      );
    if (outcome.oomKilled)
      lines.push(
        ko
          ? '메모리 한도를 넘어 OOM Killer가 종료했다 (-m으로 한도 안에서 늘릴 수 있다).'
          : 'It went over its memory limit and the OOM killer ended it (-m raises it, within the limit).',
      );
    if (outcome.truncated)
      lines.push(
        ko
          ? '출력이 한도를 넘어 잘렸고 그 시점에 컨테이너를 멈췄다.'
          : 'Its output passed the cap: it was cut there and the container stopped.',
      );
    lines.push(`${ko ? '걸린 시간' : 'Duration'}: ${formatDuration(outcome.durationMs)}`);
  } else if (job.failedReason) {
    lines.push(`${ko ? '실패 이유' : 'Why it failed'}: ${job.failedReason}`);
  }
  return { status: 'info', title: `${ko ? '작업 설명' : 'Explain job'} #${job.id}`, code: { text: lines.join('\n') } };
}
