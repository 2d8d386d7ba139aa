import type { Lab } from './types.js';

/**
 * Lab 7, from the notes' part on horizontal scaling: several containers from one image, within the learner's quota
 * of running containers, and what a load balancer and an orchestrator add.
 */
export const scaling: Lab = {
  number: 7,
  id: 'scaling',
  title: { en: 'Scaling: several containers from one image', ko: '수평 확장: 이미지 하나로 여러 컨테이너' },
  about: {
    en: 'The notes: to scale out, run the same image as a container on a new server and add it to the load balancer. Here: two web servers from the web image, side by side.',
    ko: '노트의 내용: 수평 확장은 같은 이미지를 새 서버에서 컨테이너로 실행하고 로드 밸런서에 추가하는 것입니다. 여기서는 web 이미지로 웹 서버 두 개를 나란히 띄웁니다.',
  },
  containers: ['web1', 'web2'],
  volumes: [],
  steps: [
    {
      id: 'first',
      do: {
        en: 'Start the web image in the background as a container named web1.',
        ko: 'web 이미지를 web1이라는 이름의 컨테이너로 백그라운드에서 띄웁니다.',
      },
      why: {
        en: 'One server from the image. You may keep only a few containers running at once (your quota, 3 unless your team set another): if you are refused, /docker ps shows what runs, and rm -f removes what earlier labs left (box, site).',
        ko: '이미지로 만든 첫 번째 서버입니다. 동시에 실행할 수 있는 컨테이너 수에는 할당량이 있습니다(팀이 따로 정하지 않았다면 3개). 거절되면 /docker ps로 실행 중인 것을 보고, 앞 실습에서 남은 것(box, site)을 rm -f로 삭제하세요.',
      },
      command: 'run -d --name web1 web',
      checks: [{ kind: 'container', name: 'web1', image: 'stevedore/web:latest', running: true }],
      hint: {
        en: 'The image is web and -d keeps it running; a wrong one can be removed with /docker rm -f NAME.',
        ko: '이미지는 web이고 -d가 있어야 계속 실행됩니다. 잘못 만든 컨테이너는 /docker rm -f 이름으로 삭제하세요.',
      },
    },
    {
      id: 'second',
      do: {
        en: 'Start a second one from the same image, named web2.',
        ko: '같은 이미지로 두 번째 컨테이너 web2를 띄웁니다.',
      },
      why: {
        en: 'The notes: one image makes as many containers as you need, each the same server. No build, no setup: the image is the whole configuration.',
        ko: '노트의 내용: 이미지 하나로 필요한 만큼 컨테이너를 만들 수 있고, 모두 같은 서버입니다. 빌드도 설정도 필요 없습니다. 이미지가 곧 전체 구성입니다.',
      },
      command: 'run -d --name web2 web',
      checks: [
        { kind: 'container', name: 'web2', image: 'stevedore/web:latest', running: true },
        { kind: 'container', name: 'web1', running: true },
      ],
      hint: {
        en: 'Same image, another name: run -d --name web2 web. Remove a wrong one with /docker rm -f NAME.',
        ko: '이미지는 같고 이름만 다릅니다: run -d --name web2 web. 잘못 만든 것은 /docker rm -f 이름으로 삭제하세요.',
      },
    },
    {
      id: 'same-page',
      do: { en: 'Ask web2 for its front page: curl web2 /.', ko: 'web2에 첫 페이지를 요청합니다: curl web2 /.' },
      why: {
        en: 'web1 and web2 answer with the same page: a load balancer in front of them would send each request to either one, and the user could not tell which answered.',
        ko: 'web1과 web2는 같은 페이지로 응답합니다. 앞에 로드 밸런서를 두면 요청마다 둘 중 하나로 보내고, 사용자는 어느 쪽이 응답했는지 구별할 수 없습니다.',
      },
      command: 'curl web2 /',
      checks: [
        { kind: 'asked', command: 'curl', args: ['web2'], succeeded: true },
        { kind: 'http', container: 'web1', path: '/', holds: 'It works' },
        { kind: 'http', container: 'web2', path: '/', holds: 'It works' },
      ],
      hint: { en: 'Give the container, then the path: curl web2 /.', ko: '컨테이너, 그다음 경로를 씁니다: curl web2 /.' },
    },
    {
      id: 'orchestration',
      do: {
        en: 'Ask what a load balancer and an orchestrator add: explain scaling.',
        ko: '로드 밸런서와 오케스트레이션 도구가 무엇을 더해 주는지 물어봅니다: explain scaling.',
      },
      why: {
        en: 'Here the sandbox has no network, so nothing can balance between web1 and web2. A load balancer gives them one address and spreads requests; an orchestrator (Kubernetes, AWS ECS, Docker Swarm) keeps the count you ask for on many servers and replaces a container that dies.',
        ko: '여기 샌드박스에는 네트워크가 없어서 web1과 web2 사이를 나눌 수 없습니다. 로드 밸런서는 둘에게 하나의 주소를 주고 요청을 나눠 보내며, 오케스트레이션 도구(쿠버네티스, AWS ECS, Docker Swarm)는 원하는 개수를 여러 서버에 유지하고 죽은 컨테이너를 새것으로 바꿉니다.',
      },
      command: 'explain scaling',
      checks: [{ kind: 'asked', command: 'explain', args: ['scaling'], succeeded: true }],
      hint: { en: 'Type explain scaling.', ko: 'explain scaling을 입력하세요.' },
    },
    {
      id: 'scale-down',
      do: { en: 'Scale down to none: rm -f web1 web2.', ko: '0개로 줄입니다: rm -f web1 web2.' },
      why: {
        en: 'Scaling in is removing containers: nothing of a server is kept in them, so they go at once, and your quota is free again.',
        ko: '축소는 컨테이너를 삭제하는 것입니다. 서버의 어떤 것도 컨테이너에 보관하지 않으므로 바로 없앨 수 있고, 할당량도 다시 비워집니다.',
      },
      command: 'rm -f web1 web2',
      checks: [
        { kind: 'gone', name: 'web1' },
        { kind: 'gone', name: 'web2' },
      ],
      hint: {
        en: 'Both names, and -f for running ones: rm -f web1 web2.',
        ko: '두 이름 모두, 실행 중이므로 -f를 붙입니다: rm -f web1 web2.',
      },
    },
  ],
  done: {
    en: 'Two servers from one image, the same page from each, then none: scaling out and in. A load balancer spreads the requests; an orchestrator keeps the count on many servers.',
    ko: '이미지 하나로 서버 두 개를 띄우고, 같은 페이지를 확인하고, 모두 없앴습니다. 이것이 확장과 축소입니다. 로드 밸런서는 요청을 나누고, 오케스트레이션 도구는 여러 서버에서 개수를 유지합니다.',
  },
};
