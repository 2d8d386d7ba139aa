import type { Lab } from './types.js';

/** Lab 3, from the notes' CP part: copy a file between here and a container, both ways. */
export const filesInAndOut: Lab = {
  number: 3,
  id: 'files-cp',
  title: { en: 'Files in and out with cp', ko: 'cp로 파일 넣고 꺼내기' },
  about: {
    en: 'cp copies files between the host (here: your chat or terminal) and a container: a file in, a file made inside out.',
    ko: 'cp는 호스트(여기서는 채팅이나 터미널)와 컨테이너 사이에 파일을 복사합니다. 파일을 넣고, 안에서 만든 파일을 꺼냅니다.',
  },
  containers: ['box'],
  volumes: ['files'],
  steps: [
    {
      id: 'box',
      do: {
        en: 'Start a container named box in the background (-d) from busybox, with the volume files mounted at /files, that sleeps for ten minutes.',
        ko: 'busybox로 box라는 컨테이너를 백그라운드(-d)로 띄웁니다. files 볼륨을 /files에 마운트하고, 10분 동안 sleep하게 합니다.',
      },
      why: {
        en: 'cp needs a container to copy into. The sandbox keeps the container root read-only, so files go into a volume mounted in it.',
        ko: 'cp로 복사하려면 대상 컨테이너가 있어야 합니다. 샌드박스는 컨테이너의 루트를 읽기 전용으로 두기 때문에 파일은 마운트한 볼륨에 넣습니다.',
      },
      command: 'run -d --name box -v files:/files busybox sleep 600',
      checks: [{ kind: 'container', name: 'box', image: 'busybox', running: true }],
      hint: {
        en: 'The name must be box and -d keeps it running in the background; a wrong one can be removed with /docker rm -f NAME.',
        ko: '이름은 box여야 하고 -d를 붙여야 백그라운드에서 계속 실행됩니다. 잘못 만든 컨테이너는 /docker rm -f 이름으로 삭제하세요.',
      },
    },
    {
      id: 'cp-in',
      do: {
        en: 'Copy a file note.txt of yours into box as /files/note.txt (on Discord, attach it; on the terminal, give its path).',
        ko: '내 파일 note.txt를 box 안의 /files/note.txt로 복사합니다(디스코드에서는 첨부하고, 터미널에서는 경로를 씁니다).',
      },
      why: {
        en: 'cp SOURCE CONTAINER:PATH copies into a container; the path is inside the container.',
        ko: 'cp 원본 컨테이너:경로는 컨테이너 안으로 복사합니다. 경로는 컨테이너 안의 경로입니다.',
      },
      command: 'cp note.txt box:/files/note.txt',
      file: { name: 'note.txt', content: 'hello from the host\n' },
      noFiles: {
        do: {
          en: 'Write the file note.txt into box as /files/note.txt from inside the container, with exec.',
          ko: 'exec로 컨테이너 안에서 box의 /files/note.txt 파일을 만듭니다.',
        },
        command: "exec box sh -c 'echo hello from the host > /files/note.txt'",
      },
      checks: [{ kind: 'file', container: 'box', path: '/files/note.txt' }],
      hint: {
        en: 'The destination is box:/files/note.txt: the container name, a colon, then the full path inside it.',
        ko: '대상은 box:/files/note.txt입니다. 컨테이너 이름, 콜론, 그리고 컨테이너 안의 전체 경로 순서입니다.',
      },
    },
    {
      id: 'make',
      do: {
        en: "Make a file inside the container: exec box sh -c 'echo made inside > /files/made.txt'.",
        ko: "컨테이너 안에서 파일을 만듭니다: exec box sh -c 'echo made inside > /files/made.txt'.",
      },
      why: {
        en: 'exec runs a command in a running container; what it writes stays in the container (here, in its volume).',
        ko: 'exec는 실행 중인 컨테이너 안에서 명령을 실행합니다. 그 명령이 쓴 파일은 컨테이너 안(여기서는 볼륨)에 남습니다.',
      },
      command: "exec box sh -c 'echo made inside > /files/made.txt'",
      checks: [{ kind: 'file', container: 'box', path: '/files/made.txt', content: 'made inside' }],
      hint: {
        en: 'The file must be /files/made.txt and hold the words made inside.',
        ko: '파일은 /files/made.txt여야 하고 내용은 made inside여야 합니다.',
      },
    },
    {
      id: 'cp-out',
      do: {
        en: 'Copy /files/made.txt out of box: it comes back attached.',
        ko: 'box에서 /files/made.txt를 꺼냅니다. 첨부 파일로 돌아옵니다.',
      },
      why: {
        en: 'cp CONTAINER:PATH - copies out of a container; - means "send it to me".',
        ko: 'cp 컨테이너:경로 -는 컨테이너에서 파일을 꺼냅니다. -는 "나에게 보내라"는 뜻입니다.',
      },
      command: 'cp box:/files/made.txt -',
      checks: [{ kind: 'asked', command: 'cp', args: ['box:/files/made.txt'], succeeded: true }],
      hint: {
        en: 'The source is box:/files/made.txt, and the destination is -.',
        ko: '원본은 box:/files/made.txt이고 대상은 -입니다.',
      },
    },
  ],
  done: {
    en: 'You copied a file into a container and one out of it: cp moves files between the host and a container.',
    ko: '컨테이너에 파일을 넣고, 컨테이너에서 파일을 꺼냈습니다. cp는 호스트와 컨테이너 사이에 파일을 옮깁니다.',
  },
};
