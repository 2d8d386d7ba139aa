import { catalog } from './catalog-types.js';

/** Why an image reference cannot be read. */
export type ImageWhyKey = 'empty' | 'foreign' | 'imageId' | 'digest' | 'tag' | 'registry' | 'lowercase' | 'part' | 'tooLong';

/** Which reason, and what fills it in. */
export type ImageWhy = { text: string; why: ImageWhyKey; detail?: string; code?: string };

/** Each reason in both languages (filled into `image.invalid`). */
const IMAGE_WHY: Record<ImageWhyKey, { en: (p: ImageWhy) => string; ko: (p: ImageWhy) => string }> = {
  empty: { en: () => 'the name is empty', ko: () => '이름이 비어 있습니다' },
  foreign: {
    en: (p) =>
      `it contains "${p.detail}" (U+${p.code}), which is not a plain ASCII letter; image names are ASCII only, so a look-alike never matches`,
    ko: (p) =>
      `ASCII 글자가 아닌 "${p.detail}"(U+${p.code})이 들어 있습니다. 이미지 이름은 ASCII만 쓰므로 비슷하게 생긴 글자는 절대 일치하지 않습니다`,
  },
  imageId: {
    en: () => 'a 64-character hexadecimal string is an image ID, not a name',
    ko: () => '64자리 16진수 문자열은 이름이 아니라 이미지 ID입니다',
  },
  digest: {
    en: (p) => `"${p.detail}" is not a digest (algorithm:hex)`,
    ko: (p) => `다이제스트(알고리즘:16진수) 형식이 아닙니다: "${p.detail}"`,
  },
  tag: { en: (p) => `"${p.detail}" is not a valid tag`, ko: (p) => `올바른 태그가 아닙니다: "${p.detail}"` },
  registry: { en: (p) => `"${p.detail}" is not a registry host`, ko: (p) => `레지스트리 호스트가 아닙니다: "${p.detail}"` },
  lowercase: { en: () => 'repository name must be lowercase', ko: () => '저장소 이름은 소문자여야 합니다' },
  part: {
    en: (p) => `"${p.detail}" is not a valid repository name part`,
    ko: (p) => `저장소 이름에 쓸 수 없는 부분입니다: "${p.detail}"`,
  },
  tooLong: { en: (p) => `the name is longer than ${p.detail} characters`, ko: (p) => `이름이 ${p.detail}자보다 깁니다` },
};

/** Reading a command line: words, flags and their values, sizes and durations, image references, hidden characters. */
export const parseMessages = catalog({
  'input.tooManyWords': {
    en: (p: { count: number; max: number }) => `The command has ${p.count} words; the most accepted is ${p.max}.`,
    ko: (p: { count: number; max: number }) => `명령이 ${p.count}단어입니다. 최대 ${p.max}단어까지 받습니다.`,
  },
  'input.tooLong': {
    en: (p: { length: number; max: number }) => `The command is ${p.length} characters long; the most accepted is ${p.max}.`,
    ko: (p: { length: number; max: number }) => `명령이 ${p.length}자입니다. 최대 ${p.max}자까지 받습니다.`,
  },
  'input.tooLong.hint': { en: 'Shorten it.', ko: '명령을 줄여서 다시 보내세요.' },
  'input.hidden': {
    en: (p: { code: string; position: number }) => `The command contains an invisible character (U+${p.code}) at position ${p.position}.`,
    ko: (p: { code: string; position: number }) => `명령의 ${p.position}번째 글자가 보이지 않는 문자(U+${p.code})입니다.`,
  },
  'input.hidden.hint': {
    en: 'Type the command again without pasting hidden characters.',
    ko: '숨은 문자가 섞이지 않도록 명령을 직접 다시 입력하세요.',
  },
  'argv.unterminated': {
    en: (p: { quote: string }) => `A ${p.quote} quote is never closed.`,
    ko: (p: { quote: string }) => `${p.quote} 따옴표가 닫히지 않았습니다.`,
  },
  'argv.unterminated.hint': {
    en: (p: { quote: string }) => `Close it, or escape it as \\${p.quote}.`,
    ko: (p: { quote: string }) => `따옴표를 닫거나 \\${p.quote}로 이스케이프하세요.`,
  },
  'command.unknown': {
    en: (p: { word: string }) => `"${p.word}" is not a /docker command.`,
    ko: (p: { word: string }) => `/docker에는 "${p.word}" 명령이 없습니다.`,
  },
  'command.didYouMean': {
    en: (p: { names: string }) =>
      `Did you mean ${p.names
        .split(',')
        .map((s) => `\`${s}\``)
        .join(' or ')}? \`/docker help\` lists them all.`,
    ko: (p: { names: string }) => {
      const names = p.names.split(',').map((s) => `\`${s}\``);
      const which = names.length > 1 ? `${names.join(', ')} 중 하나를` : `${names[0]} 명령을`;
      return `${which} 찾으셨나요? 전체 목록은 \`/docker help\`에서 볼 수 있습니다.`;
    },
  },
  'command.seeHelp': { en: '`/docker help` lists the commands.', ko: '명령 목록은 `/docker help`에서 볼 수 있습니다.' },
  'flag.refused': {
    en: (p: { flag: string; typed?: string; whyEn: string; whyKo: string }) =>
      `${p.flag}${p.typed ? ` (typed as ${p.typed})` : ''} is refused: ${p.whyEn}`,
    ko: (p: { flag: string; typed?: string; whyEn: string; whyKo: string }) =>
      `${p.flag}${p.typed ? ` (입력: ${p.typed})` : ''} 플래그는 쓸 수 없습니다. 이유: ${p.whyKo}`,
  },
  'flag.refused.hint': {
    en: (p: { command: string }) => `Run the command without it; \`/docker explain ${p.command}\` shows what each flag does here.`,
    ko: (p: { command: string }) =>
      `그 플래그를 빼고 실행하세요. 여기서 각 플래그를 어떻게 다루는지는 \`/docker explain ${p.command}\`에서 볼 수 있습니다.`,
  },
  'flag.unknown': {
    en: (p: { flag: string }) => `unknown flag: ${p.flag}`,
    ko: (p: { flag: string }) => `알 수 없는 플래그입니다: ${p.flag}`,
  },
  'flag.unknown.hint': {
    en: (p: { command: string }) => `See \`/docker help ${p.command}\` for the flags it takes.`,
    ko: (p: { command: string }) => `쓸 수 있는 플래그는 \`/docker help ${p.command}\`에서 볼 수 있습니다.`,
  },
  'flag.needsValue': {
    en: (p: { flag: string }) => `flag needs an argument: ${p.flag}`,
    ko: (p: { flag: string }) => `플래그에 값이 필요합니다: ${p.flag}`,
  },
  'flag.needsValue.hint': {
    en: (p: { flag: string }) => `Write it as ${p.flag} VALUE or ${p.flag}=VALUE.`,
    ko: (p: { flag: string }) => `${p.flag} 값 또는 ${p.flag}=값 형태로 적으세요.`,
  },
  'flag.notBool': {
    en: (p: { flag: string; value: string }) => `${p.flag} takes true or false, not "${p.value}".`,
    ko: (p: { flag: string; value: string }) => `${p.flag}에는 true나 false만 쓸 수 있습니다 (입력한 값: "${p.value}").`,
  },
  'flag.notInt': {
    en: (p: { flag: string; value: string }) => `${p.flag} takes a whole number, not "${p.value}".`,
    ko: (p: { flag: string; value: string }) => `${p.flag}에는 정수만 쓸 수 있습니다 (입력한 값: "${p.value}").`,
  },
  'flag.notNumber': {
    en: (p: { flag: string; value: string }) => `${p.flag} takes a number, not "${p.value}".`,
    ko: (p: { flag: string; value: string }) => `${p.flag}에는 숫자만 쓸 수 있습니다 (입력한 값: "${p.value}").`,
  },
  'units.notSize': {
    en: (p: { flag: string; text: string }) => `${p.flag}: "${p.text}" is not a size.`,
    ko: (p: { flag: string; text: string }) => `${p.flag}: 크기로 읽을 수 없는 값입니다: "${p.text}"`,
  },
  'units.notSize.hint': {
    en: 'Use a number with an optional unit: 64m, 1g, 512k.',
    ko: '숫자 뒤에 단위를 붙여 적으세요 (단위는 생략할 수 있습니다): 64m, 1g, 512k',
  },
  'units.notDuration': {
    en: (p: { flag: string; text: string }) => `${p.flag}: "${p.text}" is not a duration.`,
    ko: (p: { flag: string; text: string }) => `${p.flag}: 시간으로 읽을 수 없는 값입니다: "${p.text}"`,
  },
  'units.notDuration.hint': {
    en: 'Use a number with a unit: 500ms, 30s, 5m, 1h.',
    ko: '숫자 뒤에 단위를 붙여 적으세요: 500ms, 30s, 5m, 1h',
  },
  'units.ms': { en: (p: { n: number }) => `${p.n} ms`, ko: (p: { n: number }) => `${p.n}밀리초` },
  'units.s': { en: (p: { n: string }) => `${p.n} s`, ko: (p: { n: string }) => `${p.n}초` },
  'units.min': {
    en: (p: { min: number; s: number }) => `${p.min} min${p.s ? ` ${p.s} s` : ''}`,
    ko: (p: { min: number; s: number }) => `${p.min}분${p.s ? ` ${p.s}초` : ''}`,
  },
  'units.h': {
    en: (p: { h: number; min: number }) => `${p.h} h${p.min ? ` ${p.min} min` : ''}`,
    ko: (p: { h: number; min: number }) => `${p.h}시간${p.min ? ` ${p.min}분` : ''}`,
  },
  'units.ago.s': { en: (p: { n: number }) => `${p.n} seconds ago`, ko: (p: { n: number }) => `${p.n}초 전` },
  'units.ago.min': { en: (p: { n: number }) => `${p.n} minutes ago`, ko: (p: { n: number }) => `${p.n}분 전` },
  'units.ago.h': { en: (p: { n: number }) => `${p.n} hours ago`, ko: (p: { n: number }) => `${p.n}시간 전` },
  'units.ago.d': { en: (p: { n: number }) => `${p.n} days ago`, ko: (p: { n: number }) => `${p.n}일 전` },
  'image.invalid': {
    en: (p: ImageWhy) => `invalid reference format: "${p.text}": ${IMAGE_WHY[p.why].en(p)}`,
    ko: (p: ImageWhy) => `이미지 참조 형식이 잘못되었습니다: "${p.text}": ${IMAGE_WHY[p.why].ko(p)}`,
  },
  'image.invalid.hint': {
    en: 'An image is written [registry/][account/]repository[:tag][@digest], e.g. docker/whalesay:latest.',
    ko: '이미지는 [레지스트리/][계정/]저장소[:태그][@다이제스트] 형식으로 적습니다. 예: docker/whalesay:latest',
  },
});
