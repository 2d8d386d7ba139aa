import type { Lab } from './types.js';

/** Lab 2, from the notes' registry, repository and tag part: read an image name, pull, list, latest, image rm. */
export const imagesAndRegistries: Lab = {
  number: 2,
  id: 'images-registries',
  title: { en: 'Images and registries', ko: '이미지와 레지스트리' },
  about: {
    en: 'docker/whalesay:latest read part by part: the registry (Docker Hub), the repository, the tag. Pull it, list images, see that no tag means latest, and what image rm would do.',
    ko: 'docker/whalesay:latest를 부분별로 읽습니다: 레지스트리(도커 허브), 저장소, 태그. 이미지를 받고, 목록을 보고, 태그가 없으면 latest라는 것과 image rm이 하는 일을 봅니다.',
  },
  containers: ['tagged'],
  volumes: [],
  steps: [
    {
      id: 'pull',
      do: { en: 'Pull the image docker/whalesay:latest.', ko: 'docker/whalesay:latest 이미지를 받습니다.' },
      why: {
        en: 'Images live in registries. docker/whalesay:latest means: on Docker Hub (the default registry), the whalesay repository of the account docker, the image tagged latest. pull downloads it to the host.',
        ko: '이미지는 레지스트리에 저장됩니다. docker/whalesay:latest는 도커 허브(기본 레지스트리)에서, docker 계정의 whalesay 저장소에 있는, latest 태그를 가진 이미지라는 뜻입니다. pull은 그 이미지를 호스트로 내려받습니다.',
      },
      command: 'image pull docker/whalesay:latest',
      checks: [
        { kind: 'asked', command: 'pull', image: 'docker/whalesay:latest', succeeded: true },
        { kind: 'image', ref: 'docker/whalesay:latest' },
      ],
      hint: {
        en: 'The tag comes after the colon and is spelled latest: image pull docker/whalesay:latest.',
        ko: '태그는 콜론 뒤에 쓰고 철자는 latest입니다: image pull docker/whalesay:latest.',
      },
    },
    {
      id: 'images',
      do: { en: 'List the images on the host.', ko: '호스트에 있는 이미지 목록을 봅니다.' },
      why: {
        en: 'image ls (or images) shows each image by repository and tag, with its ID and size: the templates containers are made from.',
        ko: 'image ls(또는 images)는 이미지마다 저장소와 태그, ID, 크기를 보여 줍니다. 컨테이너를 만드는 템플릿들입니다.',
      },
      command: 'image ls',
      checks: [{ kind: 'asked', command: 'images', succeeded: true }],
      hint: { en: 'Type image ls, or images.', ko: 'image ls 또는 images를 입력하세요.' },
    },
    {
      id: 'latest',
      do: {
        en: 'Run docker/whalesay without a tag, as a container named tagged, with the command cowsay latest.',
        ko: 'docker/whalesay를 태그 없이, tagged라는 이름의 컨테이너로, 명령 cowsay latest로 실행합니다.',
      },
      why: {
        en: 'When no tag is given, Docker takes the image tagged latest: the container runs docker/whalesay:latest.',
        ko: '태그를 지정하지 않으면 도커는 latest 태그가 붙은 이미지를 가져옵니다. 그래서 이 컨테이너는 docker/whalesay:latest로 실행됩니다.',
      },
      command: 'run --name tagged docker/whalesay cowsay latest',
      checks: [{ kind: 'container', name: 'tagged', image: 'docker/whalesay:latest', exitCode: 0 }],
      hint: {
        en: 'Name the image docker/whalesay and nothing after it; a container named tagged from a wrong attempt must be removed first (/docker rm tagged).',
        ko: '이미지는 뒤에 아무것도 붙이지 않고 docker/whalesay로 씁니다. 잘못 만든 tagged 컨테이너가 있으면 먼저 삭제하세요(/docker rm tagged).',
      },
    },
    {
      id: 'image-rm',
      do: {
        en: 'Ask to remove the image docker/whalesay. The sandbox is shared and protects images others use: the answer, refusal or not, meets the step. /docker explain image rm docker/whalesay says what Docker would have done.',
        ko: 'docker/whalesay 이미지 삭제를 요청합니다. 샌드박스는 함께 쓰는 곳이라 다른 사람이 쓰는 이미지를 보호합니다. 거절되더라도 그 답이 이 단계를 채웁니다. 도커가 무엇을 했을지는 /docker explain image rm docker/whalesay가 알려 줍니다.',
      },
      why: {
        en: 'On your own machine image rm untags docker/whalesay:latest and deletes its layers (the notes list them); containers made from it must be removed first.',
        ko: '내 컴퓨터라면 image rm은 docker/whalesay:latest 태그를 떼고 레이어를 지웁니다(노트에 그 목록이 있습니다). 그 이미지로 만든 컨테이너는 먼저 삭제해야 합니다.',
      },
      command: 'image rm docker/whalesay',
      checks: [{ kind: 'asked', command: 'rmi', image: 'docker/whalesay:latest', orExplain: true }],
      hint: {
        en: 'Type image rm docker/whalesay (or explain image rm docker/whalesay).',
        ko: 'image rm docker/whalesay(또는 explain image rm docker/whalesay)를 입력하세요.',
      },
    },
  ],
  done: {
    en: 'You read an image name as registry, repository and tag, pulled and listed images, and saw latest taken when no tag is given.',
    ko: '이미지 이름을 레지스트리, 저장소, 태그로 나누어 읽고, 이미지를 받고 목록을 보았으며, 태그가 없을 때 latest를 쓴다는 것을 확인했습니다.',
  },
};
