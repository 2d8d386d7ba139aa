import type { Lab } from './types.js';

/** Lab 1, from the notes' `docker cli` part: run whalesay under a name, list it, remove it. */
export const firstContainer: Lab = {
  number: 1,
  id: 'first-container',
  title: { en: 'The first container', ko: '첫 번째 컨테이너' },
  about: {
    en: 'Run an image as a container under a name of your own, find it with ps -a after it exited, and remove it.',
    ko: '이미지를 내가 정한 이름의 컨테이너로 실행하고, 종료된 뒤 ps -a로 찾아보고, 삭제합니다.',
  },
  containers: ['whalesay'],
  volumes: [],
  steps: [
    {
      id: 'run',
      do: {
        en: 'Run the docker/whalesay:latest image as a container named whalesay, with the command cowsay boo.',
        ko: 'docker/whalesay:latest 이미지를 whalesay라는 이름의 컨테이너로 실행하고, 명령으로 cowsay boo를 줍니다.',
      },
      why: {
        en: 'An image is a template; run makes a container from it. --name gives the container a name you can use in later commands instead of its ID.',
        ko: '이미지는 템플릿이고 run은 그것으로 컨테이너를 만듭니다. --name으로 이름을 붙이면 이후 명령에서 ID 대신 그 이름을 쓸 수 있습니다.',
      },
      command: 'run --name whalesay docker/whalesay:latest cowsay boo',
      checks: [{ kind: 'container', name: 'whalesay', image: 'docker/whalesay:latest', exitCode: 0, output: 'boo' }],
      hint: {
        en: 'Type the whole command: run, then --name whalesay, then the image, then the command cowsay boo. A container of that name from a wrong attempt must be removed first (/docker rm whalesay).',
        ko: 'run, --name whalesay, 이미지, 명령 cowsay boo 순서로 모두 입력하세요. 잘못 만든 같은 이름의 컨테이너가 있으면 먼저 삭제하세요(/docker rm whalesay).',
      },
    },
    {
      id: 'ps',
      do: {
        en: 'List all your containers, including those that have exited.',
        ko: '종료된 것을 포함해 내 컨테이너를 모두 봅니다.',
      },
      why: {
        en: 'whalesay said its words and exited. ps shows running containers only; -a (--all) shows the exited ones too, with their exit status.',
        ko: 'whalesay는 말을 마치고 종료되었습니다. ps는 실행 중인 컨테이너만 보여 주고, -a(--all)를 붙이면 종료된 컨테이너도 종료 상태와 함께 보여 줍니다.',
      },
      command: 'ps -a',
      checks: [{ kind: 'asked', command: 'ps', flag: ['-a', '--all'], succeeded: true }],
      hint: {
        en: 'Without -a, an exited container does not appear: type ps -a.',
        ko: '-a가 없으면 종료된 컨테이너는 나오지 않습니다. ps -a를 입력하세요.',
      },
    },
    {
      id: 'rm',
      do: { en: 'Remove the container named whalesay.', ko: '이름이 whalesay인 컨테이너를 삭제합니다.' },
      why: {
        en: 'An exited container stays until it is removed: its files and logs take space. rm removes it by name; the image stays.',
        ko: '종료된 컨테이너는 삭제할 때까지 남아 파일과 로그가 공간을 차지합니다. rm은 이름으로 컨테이너를 삭제하고, 이미지는 그대로 둡니다.',
      },
      command: 'rm whalesay',
      checks: [{ kind: 'gone', name: 'whalesay' }],
      hint: { en: 'rm takes the container name: rm whalesay.', ko: 'rm 뒤에 컨테이너 이름을 씁니다: rm whalesay.' },
    },
  ],
  done: {
    en: 'You ran a container from an image, found it after it exited and removed it: the life of a container.',
    ko: '이미지로 컨테이너를 실행하고, 종료된 뒤 찾아보고, 삭제했습니다. 이것이 컨테이너의 한살이입니다.',
  },
};
