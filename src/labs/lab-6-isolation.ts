import type { Lab } from './types.js';

/**
 * Lab 6, from the notes' part on what a container isolates and owns: its processes, its network, its file system.
 * The notes say each container gets its own IP; the sandbox gives it none (network none), and the lab shows both.
 */
export const isolation: Lab = {
  number: 6,
  id: 'isolation',
  title: { en: 'Isolation: what a container can and cannot see', ko: '격리: 컨테이너가 볼 수 있는 것과 없는 것' },
  about: {
    en: 'The notes: a container isolates and owns its processes, its network and its file system. Look at each from inside a container.',
    ko: '노트의 내용: 컨테이너는 프로세스, 네트워크, 파일 시스템을 격리하고 독립적으로 소유합니다. 컨테이너 안에서 하나씩 살펴봅니다.',
  },
  containers: ['iso', 'peek'],
  volumes: [],
  steps: [
    {
      id: 'start',
      do: {
        en: 'Start a container named iso in the background from busybox that writes /tmp/mine.txt, then sleeps for ten minutes.',
        ko: 'busybox로 iso라는 컨테이너를 백그라운드에서 띄웁니다. /tmp/mine.txt 파일을 쓴 다음 10분 동안 sleep합니다.',
      },
      why: {
        en: "iso is the container the next steps look into. Here a container's root is read-only; /tmp is its own small writable space, in memory.",
        ko: 'iso는 다음 단계들에서 안을 들여다볼 컨테이너입니다. 여기서는 컨테이너의 루트가 읽기 전용이고, /tmp는 메모리에 있는 그 컨테이너만의 작은 쓰기 공간입니다.',
      },
      command: "run -d --name iso busybox sh -c 'echo mine > /tmp/mine.txt && sleep 600'",
      checks: [
        { kind: 'container', name: 'iso', image: 'busybox', running: true },
        { kind: 'file', container: 'iso', path: '/tmp/mine.txt', content: 'mine' },
      ],
      hint: {
        en: 'Copy the whole command, quotes included; a wrong iso can be removed with /docker rm -f iso.',
        ko: '따옴표까지 명령 전체를 그대로 입력하세요. 잘못 만든 iso는 /docker rm -f iso로 삭제할 수 있습니다.',
      },
    },
    {
      id: 'processes',
      do: { en: 'List the processes iso sees: exec iso ps.', ko: 'iso가 보는 프로세스 목록을 봅니다: exec iso ps.' },
      why: {
        en: "Inside, PID 1 is the small init the engine starts each container with (docker-init), then the sleep iso runs, then ps itself: nothing else. The host's processes and other containers' are not there, and a process in here cannot touch them. /docker top iso shows the same processes as the engine sees them, from outside.",
        ko: '안에서는 엔진이 모든 컨테이너를 시작할 때 쓰는 작은 init(docker-init)이 PID 1이고, 그다음 iso가 실행하는 sleep과 ps 자신이 있을 뿐입니다. 호스트나 다른 컨테이너의 프로세스는 보이지 않고, 이 안의 프로세스는 그것들에 영향을 줄 수 없습니다. /docker top iso는 같은 프로세스를 엔진이 바깥에서 보는 대로 보여 줍니다.',
      },
      command: 'exec iso ps',
      checks: [
        { kind: 'asked', command: 'exec', args: ['iso', 'ps'], succeeded: true },
        { kind: 'container', name: 'iso', running: true },
      ],
      hint: {
        en: 'exec takes the container, then the command: exec iso ps.',
        ko: 'exec 뒤에 컨테이너, 그다음 명령을 씁니다: exec iso ps.',
      },
    },
    {
      id: 'network',
      do: {
        en: 'Read the network interfaces iso has: exec iso cat /proc/net/dev.',
        ko: 'iso에 있는 네트워크 인터페이스를 읽습니다: exec iso cat /proc/net/dev.',
      },
      why: {
        en: "The notes say each container gets its own IP address: on Docker's default network (bridge) this file has two lines, lo and eth0, and eth0 has an address such as 172.17.0.2. The sandbox runs containers with network none, so here there is only lo, the loopback: iso has no IP and reaches nothing outside itself.",
        ko: '노트에 따르면 컨테이너 하나에 IP 주소가 하나씩 할당됩니다. 도커의 기본 네트워크(bridge)에서는 이 파일에 lo와 eth0 두 줄이 있고, eth0에는 172.17.0.2 같은 주소가 붙습니다. 샌드박스는 컨테이너를 network none으로 실행하므로 여기에는 루프백인 lo만 있습니다. iso에는 IP가 없고 자기 밖의 어디에도 닿지 않습니다.',
      },
      command: 'exec iso cat /proc/net/dev',
      checks: [
        { kind: 'asked', command: 'exec', args: ['iso', '/proc/net/dev'], succeeded: true },
        { kind: 'container', name: 'iso', running: true, network: 'none' },
      ],
      hint: {
        en: 'The file is /proc/net/dev: exec iso cat /proc/net/dev.',
        ko: '파일은 /proc/net/dev입니다: exec iso cat /proc/net/dev.',
      },
    },
    {
      id: 'filesystem',
      do: {
        en: 'From a second container named peek, made from the same image, try to read /tmp/mine.txt.',
        ko: '같은 이미지로 만든 두 번째 컨테이너 peek에서 /tmp/mine.txt를 읽어 봅니다.',
      },
      why: {
        en: 'Same image, separate file systems: the file iso wrote is in iso only, so cat in peek fails with No such file (exit code 1). That failure is what this step asks for.',
        ko: '이미지는 같아도 파일 시스템은 따로입니다. iso가 쓴 파일은 iso 안에만 있으므로 peek에서 cat은 No such file로 실패합니다(종료 코드 1). 이 단계가 원하는 것이 바로 그 실패입니다.',
      },
      command: 'run --name peek busybox cat /tmp/mine.txt',
      checks: [
        { kind: 'container', name: 'peek', image: 'busybox', output: 'No such file' },
        { kind: 'container', name: 'peek', exitCode: 1 },
        { kind: 'file', container: 'iso', path: '/tmp/mine.txt', content: 'mine' },
      ],
      hint: {
        en: 'Run a new container, not exec in iso: run --name peek busybox cat /tmp/mine.txt.',
        ko: 'iso에서 exec하지 말고 새 컨테이너를 실행하세요: run --name peek busybox cat /tmp/mine.txt.',
      },
    },
    {
      id: 'clean',
      do: {
        en: 'Remove iso and peek, the running one too: rm -f iso peek.',
        ko: '실행 중인 것까지 iso와 peek를 삭제합니다: rm -f iso peek.',
      },
      why: {
        en: 'iso still runs and counts against your quota of running containers; -f stops it and removes it. Its /tmp goes with it.',
        ko: 'iso는 아직 실행 중이어서 실행 중인 컨테이너 할당량을 차지합니다. -f는 멈추고 삭제합니다. iso의 /tmp도 함께 사라집니다.',
      },
      command: 'rm -f iso peek',
      checks: [
        { kind: 'gone', name: 'iso' },
        { kind: 'gone', name: 'peek' },
      ],
      hint: {
        en: 'Without -f, a running container is not removed: rm -f iso peek.',
        ko: '-f가 없으면 실행 중인 컨테이너는 삭제되지 않습니다: rm -f iso peek.',
      },
    },
  ],
  done: {
    en: "A container sees its own processes, its own network (here only loopback; on a default Docker network, its own IP) and its own files. It shares the host kernel, so this isolation is not as strong as a virtual machine's.",
    ko: '컨테이너는 자기 프로세스, 자기 네트워크(여기서는 루프백뿐이고, 도커 기본 네트워크라면 자기 IP), 자기 파일만 봅니다. 호스트 커널을 함께 쓰기 때문에 이 격리는 가상 머신만큼 견고하지는 않습니다.',
  },
};
