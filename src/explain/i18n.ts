import type { Lang } from '../core/flag-spec.js';

/** The words explain puts around the knowledge, in both languages. */
const WORDS = {
  explain: { en: 'Explain', ko: '설명' },
  typed: { en: 'Typed', ko: '입력' },
  longForm: { en: 'Long form', ko: '정식 형태' },
  image: { en: 'Image', ko: '이미지' },
  lifecycle: { en: 'Lifecycle', ko: '생명주기' },
  engineApi: { en: 'Engine API', ko: 'Engine API 호출' },
  verdict: { en: 'Stevedore', ko: 'Stevedore 판정' },
  sandbox: { en: 'Sandbox', ko: '샌드박스' },
  allowed: { en: 'allowed', ko: '허용' },
  refused: { en: 'refused', ko: '거부' },
  unknownFlag: {
    en: 'unknown flag: Docker has no such flag for this command (not guessed)',
    ko: '알 수 없는 플래그: 이 명령에 이런 플래그는 없다 (추측하지 않음)',
  },
  command: { en: 'the command', ko: '명령' },
  containerCommand: {
    en: "the container's command and its arguments (the image's default when absent)",
    ko: '컨테이너에서 실행할 명령과 인자 (없으면 이미지의 기본 명령)',
  },
  registry: { en: 'registry', ko: '레지스트리' },
  account: { en: 'account', ko: '계정' },
  repository: { en: 'repository', ko: '레포지토리' },
  tag: { en: 'tag', ko: '태그' },
  digest: { en: 'digest', ko: '다이제스트' },
  byDefault: { en: 'default', ko: '기본값' },
  official: { en: 'official images live under library/', ko: '공식 이미지는 library/ 아래에 있다' },
  missingPulled: {
    en: 'If the sandbox host lacks it, it is pulled from the registry (through the local mirror) first.',
    ko: '샌드박스 호스트에 없으면 먼저 레지스트리에서 (로컬 미러를 거쳐) 받아 온다.',
  },
  tryNext: { en: 'Try', ko: '해 보기' },
  seeConcepts: { en: 'Concepts', ko: '개념' },
  used: { en: 'used', ko: '사용' },
  bounded: { en: 'allowed within limits', ko: '한도 안에서 허용' },
  ignored: { en: 'accepted, no effect here', ko: '받아들이지만 효과 없음' },
} as const;

export type Word = keyof typeof WORDS;

export function t(word: Word, lang: Lang): string {
  return WORDS[word][lang];
}
