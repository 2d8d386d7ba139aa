import type { Lab } from './types.js';

/** Lab 4, from the notes' Volume part: data that outlives the container that wrote it. */
export const volumes: Lab = {
  number: 4,
  id: 'volumes',
  title: { en: 'Volumes: data that outlives its container', ko: '볼륨: 컨테이너보다 오래 남는 데이터' },
  about: {
    en: 'A volume is storage mounted into a container at a path. A container removed takes its own files with it; the volume stays for the next one.',
    ko: '볼륨은 컨테이너의 한 경로에 마운트하는 저장 공간입니다. 컨테이너를 삭제하면 그 안의 파일도 사라지지만 볼륨은 다음 컨테이너를 위해 남습니다.',
  },
  containers: ['reader'],
  volumes: ['notes'],
  steps: [
    {
      id: 'create',
      do: { en: 'Create a volume named notes.', ko: 'notes라는 볼륨을 만듭니다.' },
      why: {
        en: 'A named volume is created once and mounted by name; here it is yours alone.',
        ko: '이름 있는 볼륨은 한 번 만들고 이름으로 마운트합니다. 여기서는 나만의 볼륨입니다.',
      },
      command: 'volume create notes',
      checks: [{ kind: 'volume', name: 'notes' }],
      hint: { en: 'The volume must be named notes: volume create notes.', ko: '볼륨 이름은 notes여야 합니다: volume create notes.' },
    },
    {
      id: 'write',
      do: {
        en: "Write hello into /data/hello.txt from a container that mounts notes at /data and is removed when it ends: run --rm -v notes:/data busybox sh -c 'echo hello > /data/hello.txt'.",
        ko: "notes를 /data에 마운트하고 끝나면 삭제되는 컨테이너에서 /data/hello.txt에 hello를 씁니다: run --rm -v notes:/data busybox sh -c 'echo hello > /data/hello.txt'.",
      },
      why: {
        en: '-v NAME:PATH mounts the volume at PATH; --rm removes the container when it exits. What it wrote under /data is in the volume, not in the container.',
        ko: '-v 이름:경로는 볼륨을 그 경로에 마운트하고, --rm은 컨테이너가 끝나면 삭제합니다. /data 아래에 쓴 파일은 컨테이너가 아니라 볼륨에 있습니다.',
      },
      command: "run --rm -v notes:/data busybox sh -c 'echo hello > /data/hello.txt'",
      checks: [{ kind: 'file', volume: 'notes', path: '/hello.txt', content: 'hello' }],
      hint: {
        en: 'The file must be hello.txt at the top of the volume: /data/hello.txt when notes is mounted at /data.',
        ko: '파일은 볼륨 맨 위의 hello.txt여야 합니다. notes를 /data에 마운트했다면 /data/hello.txt입니다.',
      },
    },
    {
      id: 'read',
      do: {
        en: 'Read it back from a new container named reader that mounts notes at /data: run --name reader -v notes:/data busybox cat /data/hello.txt.',
        ko: 'notes를 /data에 마운트한 새 컨테이너 reader에서 다시 읽습니다: run --name reader -v notes:/data busybox cat /data/hello.txt.',
      },
      why: {
        en: 'The container that wrote the file is gone; the data outlived it, in the volume.',
        ko: '파일을 쓴 컨테이너는 이미 삭제되었지만 데이터는 볼륨에 남아 있습니다.',
      },
      command: 'run --name reader -v notes:/data busybox cat /data/hello.txt',
      checks: [{ kind: 'container', name: 'reader', exitCode: 0, output: 'hello' }],
      hint: {
        en: 'Without -v notes:/data the new container has no /data/hello.txt. Remove a wrong reader first (/docker rm reader).',
        ko: '-v notes:/data가 없으면 새 컨테이너에는 /data/hello.txt가 없습니다. 잘못 만든 reader는 먼저 삭제하세요(/docker rm reader).',
      },
    },
  ],
  done: {
    en: 'Your data outlived the container that wrote it: a volume keeps it for the next container.',
    ko: '데이터가 그것을 쓴 컨테이너보다 오래 남았습니다. 볼륨은 데이터를 다음 컨테이너를 위해 보관합니다.',
  },
};
