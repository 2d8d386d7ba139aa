import type { Text } from './flag-spec.js';

/** A short name for an image the team uses often; its command words go first when the user gives any. */
export interface ImageAlias {
  alias: string;
  image: string;
  /** Prepended to the user's words: `whalesay boo` runs `cowsay boo`. */
  command: string[];
  about: Text;
}

export const IMAGE_ALIASES: readonly ImageAlias[] = [
  {
    alias: 'whalesay',
    image: 'docker/whalesay:latest',
    command: ['cowsay'],
    about: { en: 'The Docker whale says your words (cowsay).', ko: '도커 고래가 입력한 말을 해 준다 (cowsay).' },
  },
  {
    alias: 'web',
    image: 'stevedore/web:latest',
    command: [],
    about: {
      en: 'A web server (busybox httpd) serving /www on port 8080; mount a volume there and cp your pages in.',
      ko: '/www를 8080 포트로 제공하는 웹 서버 (busybox httpd). 볼륨을 마운트하고 cp로 페이지를 넣는다.',
    },
  },
  {
    alias: 'busybox',
    image: 'busybox:latest',
    command: [],
    about: { en: 'A tiny Linux userland: sh, ls, echo, awk, wget and more.', ko: '작은 리눅스 도구 모음: sh, ls, echo, awk, wget 등.' },
  },
];

/**
 * Resolves an alias: `whalesay boo` → docker/whalesay:latest with `cowsay boo`. When the user already typed the
 * alias's command (`whalesay cowsay boo`), it is not repeated. Any other image passes through unchanged.
 */
export function resolveAlias(image: string, cmd: string[]): { image: string; cmd: string[]; alias?: ImageAlias } {
  const alias = IMAGE_ALIASES.find((a) => a.alias === image);
  if (!alias) return { image, cmd };
  const prefix = alias.command;
  const alreadyTyped = prefix.length > 0 && prefix.every((word, i) => cmd[i] === word);
  return { image: alias.image, cmd: alreadyTyped ? cmd : [...prefix, ...cmd], alias };
}
