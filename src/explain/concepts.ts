import type { Text } from '../core/flag-spec.js';

/** A Docker concept from the team's notes, in Korean (the notes' own words) and English. */
export interface Concept {
  id: string;
  /** Words that find it: English and Korean. */
  names: readonly string[];
  /** Words that count toward it in a question (`VM vs container`) without finding it alone. */
  keywords?: readonly string[];
  title: Text;
  points: { en: readonly string[]; ko: readonly string[] };
  /** Commands to try next. */
  try: readonly string[];
}

export const CONCEPTS: readonly Concept[] = [
  {
    id: 'container',
    names: ['container', 'containers', '컨테이너', 'linux container', 'linux containers', 'lxc', '리눅스 컨테이너'],
    title: { en: 'Container', ko: '컨테이너' },
    points: {
      en: [
        'A box for an application: it runs on Docker regardless of dependencies, network setup or file system of the host.',
        'Like shipping containers, which cut the time a ship spends in port and the people needed to load it, software containers make moving and running applications uniform.',
        'Linux containers (LXC) made it possible to run an application whatever the environment.',
        'A container is made from an image; many containers can be made from one image.',
      ],
      ko: [
        '컨테이너는 애플리케이션이 의존성, 네트워크 환경, 파일 시스템에 구애받지 않고 도커라는 기술 위에서 실행될 수 있도록 만든 애플리케이션 상자다.',
        '물자를 싣고 내릴 때 선박이 입항해 있는 시간과 필요한 인력을 크게 줄여 준 컨테이너처럼, 소프트웨어 컨테이너는 애플리케이션을 옮기고 실행하는 방식을 통일한다.',
        '리눅스 컨테이너(LXC)의 등장으로 실행 환경에 구애받지 않고 애플리케이션을 실행할 수 있게 되었다.',
        '컨테이너는 이미지로부터 만들어지며, 이미지 하나로 여러 개의 컨테이너를 만들 수 있다.',
      ],
    },
    try: ['run whalesay boo', 'ps -a', 'explain lifecycle'],
  },
  {
    id: 'image',
    names: ['image', 'images', '이미지', 'base image', '기본 이미지', '베이스 이미지'],
    title: { en: 'Image', ko: '이미지' },
    points: {
      en: [
        'A template holding an application together with its configuration; a container can be created from it at once.',
        'Many containers can be created from one image.',
        'Like commits in git, you can add changes to a base image and commit them to make another image.',
        'Images are stored in registries; when the host lacks an image, Docker downloads it from the default registry.',
      ],
      ko: [
        '애플리케이션 및 애플리케이션 구성을 함께 담아 놓은 템플릿으로, 이를 이용해 즉시 컨테이너를 만들 수 있다.',
        '이미지를 이용해 여러 개의 컨테이너를 생성할 수 있다.',
        '기본 이미지(base image)로부터 (마치 git을 사용하는 것처럼) 변경 사항을 추가/커밋해서 또 다른 이미지를 만들 수도 있다.',
        '이미지는 레지스트리에 저장되고, 호스트에 없으면 기본 레지스트리에서 내려받는다.',
      ],
    },
    try: ['images', 'pull docker/whalesay:latest', 'explain registry'],
  },
  {
    id: 'registry',
    names: ['registry', 'registries', 'docker hub', 'hub', 'docker.io', '레지스트리', '도커 허브', '도커허브'],
    title: { en: 'Registry', ko: '레지스트리' },
    points: {
      en: [
        'Where images are stored and managed: Docker Hub (docker.io), a private Docker Hub, a company-internal registry, and so on.',
        'When the Docker CLI creates a container from an image the host does not have, it downloads the image from the default registry (docker.io).',
        'An image name reads registry_account/repository_name:tag, e.g. docker/whalesay:latest.',
        'Here the sandbox host pulls through a local registry mirror, so `pull` is a real pull from a registry.',
      ],
      ko: [
        '레지스트리는 도커 이미지를 저장하고 관리하는 곳이다. 도커 허브(docker.io), 프라이빗 도커 허브, 회사 내부용 레지스트리 등이 있다.',
        '도커 CLI에서 이미지로 컨테이너를 만들 때 호스트에 이미지가 없으면 기본 레지스트리인 도커 허브(docker.io)에서 내려받는다.',
        '이미지 이름은 `레지스트리 계정/저장소 이름:태그` 형식이다 (예: docker/whalesay:latest).',
        '여기서는 샌드박스 호스트가 로컬 레지스트리 미러를 거쳐 이미지를 받으므로 pull은 실제로 레지스트리에서 받는 것이다.',
      ],
    },
    try: ['explain docker/whalesay:latest', 'pull busybox', 'explain tag'],
  },
  {
    id: 'repository',
    names: ['repository', 'repositories', 'repo', '저장소', '레포지토리', '리포지토리', '레포'],
    title: { en: 'Repository', ko: '저장소' },
    points: {
      en: [
        'The place inside a registry where the images of one name are stored, much like a GitHub repository.',
        'In docker/whalesay, docker is the account (user) and whalesay the repository; official images live under library/ (nginx is docker.io/library/nginx).',
      ],
      ko: [
        '저장소는 레지스트리 안에서 같은 이름의 도커 이미지들이 저장되는 공간으로, GitHub 저장소와 비슷하다.',
        'docker/whalesay에서 docker는 계정(사용자), whalesay는 저장소다. 공식 이미지는 library/ 아래에 있다 (nginx는 docker.io/library/nginx).',
      ],
    },
    try: ['explain docker/whalesay:latest', 'explain nginx'],
  },
  {
    id: 'tag',
    names: ['tag', 'tags', 'latest', '태그'],
    title: { en: 'Tag', ko: '태그' },
    points: {
      en: [
        'Version information describing the image, written after a colon: docker/whalesay:latest.',
        'Unless you name another, the image tagged latest is pulled.',
        'A tag can move to a new image; a digest (@sha256:…) always names the same one.',
      ],
      ko: [
        '태그에는 해당 이미지를 설명하는 버전 정보를 주로 입력하며, 콜론 뒤에 쓴다: docker/whalesay:latest.',
        '다른 것을 지정하지 않는다면 latest 태그가 붙은 이미지를 가져온다.',
        '태그는 새 이미지로 옮겨질 수 있지만 다이제스트(@sha256:…)는 항상 같은 이미지를 가리킨다.',
      ],
    },
    try: ['explain busybox', 'images'],
  },
  {
    id: 'dependency',
    names: ['dependency', 'dependencies', 'conflict', '의존', '의존성', '의존 관계', '의존성 충돌'],
    title: { en: 'Dependencies and conflicts', ko: '의존 관계' },
    points: {
      en: [
        'When program A needs program B to run, "A depends on B".',
        'When another program C needs a different version of B, the dependencies conflict.',
        'Container technology packs each application with its own dependencies inside its container: applications in containers share no dependencies, so they cannot conflict.',
      ],
      ko: [
        '어떤 프로그램(A) 실행에 다른 프로그램(B)이 반드시 필요한 경우, "프로그램 A는 프로그램 B에 의존 관계를 가지고 있다".',
        '다른 프로그램(C)을 실행할 때 다른 버전의 B가 필요한 경우 의존성이 충돌한다.',
        '컨테이너 기술은 애플리케이션을 컨테이너 안에 구성한다. 컨테이너에서 실행 중인 애플리케이션은 어떤 의존성도 공유하지 않고 각자 고유의 의존성을 포함하므로 충돌하지 않는다.',
      ],
    },
    try: ['explain isolation', 'explain image'],
  },
  {
    id: 'isolation',
    names: ['isolation', 'namespace', 'namespaces', 'process', 'filesystem', 'file system', '격리', '프로세스', '파일 시스템'],
    title: { en: 'What a container isolates and owns', ko: '컨테이너가 격리하고 독립적으로 소유하는 것' },
    points: {
      en: [
        'Processes: a process working in a container can by default be reached only inside that container, and cannot affect the processes of other containers.',
        'Network: by default each container is given its own IP address. (Stevedore runs sandbox containers with network none: only loopback.)',
        "File system: a container's file system is partitioned off, and access to commands and files in it can be restricted. (Here the root is read-only, with a small tmpfs on /tmp.)",
      ],
      ko: [
        '프로세스: 특정 컨테이너에서 작동하는 프로세스는 기본적으로 그 컨테이너 안에서만 액세스할 수 있고, 다른 컨테이너의 프로세스에 영향을 줄 수 없다.',
        '네트워크: 기본으로 컨테이너 하나에 하나의 IP 주소가 할당된다. (Stevedore의 샌드박스 컨테이너는 network none으로 루프백만 있다.)',
        '파일 시스템: 컨테이너 안에서 사용되는 파일 시스템은 구획화되어 있고, 명령이나 파일 등의 액세스를 제한할 수 있다. (여기서는 루트가 읽기 전용이고 /tmp에 작은 tmpfs가 있다.)',
      ],
    },
    try: ["run busybox sh -c 'ps; cat /proc/net/dev'", 'explain vm'],
  },
  {
    id: 'vm',
    names: [
      'vm',
      'vms',
      'virtual machine',
      'virtual machines',
      'container vs vm',
      'vm vs container',
      '가상머신',
      '가상 머신',
      'vm과의 차이',
    ],
    keywords: ['container', 'containers', '컨테이너', 'vs', 'difference', '차이', '비교'],
    title: { en: 'Containers and virtual machines', ko: 'VM과의 차이' },
    points: {
      en: [
        'Docker does not give isolation as strong as a virtual machine: containers share the host kernel.',
        'Docker does not run an OS on top of another OS, so it can perform better than a virtual machine.',
        "Docker's value lies in what it gives developers and users, seen from the container: one way to package, ship and run.",
        'For a stronger wall, a deployment can run sandbox containers under gVisor (runsc), a user-space kernel.',
      ],
      ko: [
        '도커는 가상머신만큼 견고한 격리성을 제공하지는 않는다: 컨테이너는 호스트 커널을 공유한다.',
        '도커는 OS 위에 다른 OS를 실행하는 것이 아니라서 가상 머신보다 좋은 성능을 낼 수 있다.',
        '도커의 장점은 컨테이너를 중심으로 개발자와 사용자에게 애플리케이션을 묶고, 옮기고, 실행하는 한 가지 방식을 준다는 데 있다.',
        '더 강한 격리가 필요하면 배포 설정으로 샌드박스 컨테이너를 gVisor(runsc) 위에서 실행할 수 있다.',
      ],
    },
    try: ['explain isolation'],
  },
  {
    id: 'scaling',
    names: [
      'scaling',
      'scale',
      'horizontal scaling',
      'load balancer',
      'load balancing',
      'orchestration',
      'deploy',
      'deployment',
      '수평 확장',
      '수평 확장과 배포',
      '확장',
      '로드밸런서',
      '로드 밸런서',
      '로드밸런싱',
      '로드 밸런싱',
      '오케스트레이션',
      '배포',
    ],
    title: { en: 'Horizontal scaling and deployment', ko: '수평 확장과 배포' },
    points: {
      en: [
        'Adding servers behind a load balancer needs the same run environment everywhere.',
        'Run the application as a container from the same image on a new server, then add that server to the load balancer.',
        'Orchestration tools do this for many containers on many servers; AWS ECS, for example, deploys applications as Docker containers.',
        'Because every server runs the same image, development, testing and production share one environment.',
      ],
      ko: [
        '로드밸런싱 서버를 증설할 때는 실행 환경이 일치해야 한다.',
        '동일한 애플리케이션 구성(이미지)을 바탕으로 새로운 서버에서 애플리케이션을 컨테이너로 실행하고, 로드 밸런서에 이 서버를 추가하면 된다.',
        '오케스트레이션 도구가 여러 서버의 여러 컨테이너에 대해 이 일을 해 준다. 예를 들어 AWS ECS로 도커 컨테이너를 배포할 수 있다.',
        '모든 서버가 같은 이미지를 실행하므로 개발, 테스트, 배포 환경이 동일해진다.',
      ],
    },
    try: ['explain image', 'explain container'],
  },
  {
    id: 'lifecycle',
    names: ['lifecycle', 'life cycle', 'states', 'state', '생명주기', '라이프사이클', '수명 주기'],
    title: { en: 'Container lifecycle', ko: '컨테이너 생명주기' },
    points: {
      en: [
        'An image is pulled from a registry to the host (pull), then a container is created from it (create).',
        'start makes it running; it becomes exited when its command ends, or when stopped (stop) or killed.',
        'start runs an exited container again; restart is stop then start.',
        'rm removes an exited container (rm -f also a running one); run --rm removes it on exit; rmi removes the image.',
        '`run` is create + start (+ attach and wait in the foreground).',
      ],
      ko: [
        '이미지를 레지스트리에서 호스트로 받아 오고(pull), 그 이미지로 컨테이너를 만든다(create).',
        'start로 실행 중(running)이 되고, 명령이 끝나거나 멈추거나(stop) 강제 종료되면 종료(exited) 상태가 된다.',
        'start는 종료된 컨테이너를 다시 실행하고, restart는 stop 후 start다.',
        'rm은 종료된 컨테이너를 삭제하고(rm -f는 실행 중인 것도), run --rm은 종료 시 삭제한다. rmi는 이미지를 삭제한다.',
        'run은 create + start(+ 포그라운드에서는 attach와 wait)이다.',
      ],
    },
    try: ['explain run --rm whalesay boo', 'explain run -d busybox sleep 60'],
  },
  {
    id: 'volume',
    names: ['volume', 'volumes', '볼륨'],
    title: { en: 'Volume', ko: '볼륨' },
    points: {
      en: [
        'Mounts a space between the host and a container, so data outlives the container.',
        'Named volumes are managed by Docker; a bind mount would expose a host path, which Stevedore refuses.',
      ],
      ko: [
        '볼륨은 호스트와 컨테이너 사이에 공간을 마운트(Mount)해, 컨테이너가 사라져도 데이터가 남게 한다.',
        '이름 있는 볼륨은 도커가 관리한다. 바인드 마운트는 호스트 경로를 드러내므로 Stevedore는 거부한다.',
      ],
    },
    try: ['explain mount', 'explain cp'],
  },
  {
    id: 'mount',
    names: ['mount', 'mounts', 'bind', 'bind mount', 'bind mounts', '마운트', '바인드 마운트', '바인드'],
    title: { en: 'Mount', ko: '마운트' },
    points: {
      en: [
        'Mounting makes a storage space reachable from another device by allowing a path to it, so that it looks like one storage space.',
        'Docker mounts volumes, host paths (bind mounts) and tmpfs into containers.',
      ],
      ko: [
        '마운트(Mount)는 저장 공간을 다른 장치에서 접근할 수 있도록 경로를 허용해 하나의 저장 공간을 이용하는 것처럼 보이게 하는 작업이다.',
        '도커는 볼륨, 호스트 경로(바인드 마운트), tmpfs를 컨테이너에 마운트한다.',
      ],
    },
    try: ['explain volume'],
  },
  {
    id: 'cp',
    names: ['cp', 'copy', '복사'],
    title: { en: 'cp: copying files', ko: 'CP: 파일 복사' },
    points: {
      en: [
        'Copies files between the host and a container: `docker cp file web:/www/index.html`, or back out with `docker cp web:/www/index.html .`.',
        'Useful when the program you need is not all inside the image: bring the files in yourself.',
      ],
      ko: [
        '호스트와 컨테이너 사이에 파일을 복사한다: `docker cp file web:/www/index.html`, 꺼낼 때는 `docker cp web:/www/index.html .`.',
        '필요한 프로그램이 이미지에 모두 구성되어 있지 않을 때, 파일을 직접 가져와 넣을 수 있다.',
      ],
    },
    try: ['explain volume', 'explain webserver'],
  },
  {
    id: 'webserver',
    names: ['webserver', 'web server', 'web', 'httpd', '웹 서버', '웹서버'],
    title: { en: 'A web server in a container', ko: '컨테이너로 실행하는 웹 서버' },
    points: {
      en: [
        'When the programs you need are not all in a Docker image, run the web server as a container and bring in the files that make up the site (made yourself or fetched).',
        "Problems in the server can be seen apart from the host's.",
        'A broken server can be turned off and started again from the image, like a factory reset.',
      ],
      ko: [
        '사용해야 하는 프로그램이 도커 이미지에 모두 구성되어 있지 않은 경우, 웹 서버는 도커 컨테이너로 실행하고 웹 서버를 구성하는 파일은 직접 만들거나 가져온다.',
        '장점: 서버에 문제가 생기는 것을 호스트와 별개로 파악할 수 있다.',
        '장점: 문제가 생긴 서버를 끄고, 공장 초기화를 하듯 도커 이미지로 서버를 재구동할 수 있다.',
      ],
    },
    try: ['explain cp', 'explain volume'],
  },
  {
    id: 'install',
    names: ['install', 'environment', 'why docker', '컨테이너 설치', '설치', '개발 환경'],
    title: { en: 'Why containers: one environment everywhere', ko: '컨테이너 설치' },
    points: {
      en: [
        'Whatever the OS, an application environment can be made at once.',
        'When development happens on containers, every team develops in the same environment.',
        'The same applies to the deployment environment.',
      ],
      ko: [
        'OS에 상관없이 즉시 애플리케이션 실행 환경을 만들 수 있다.',
        '개발을 컨테이너 위에서 진행할 경우, 모든 개발팀이 동일한 환경 하에 개발을 진행할 수 있다.',
        '배포 환경에서도 동일하게 적용될 수 있다.',
      ],
    },
    try: ['explain scaling', 'run whalesay hello'],
  },
  {
    id: 'image-vs-container',
    names: ['image vs container', 'container vs image', '이미지와 컨테이너', '이미지와 컨테이너 차이', '컨테이너와 이미지 차이'],
    keywords: ['image', 'images', 'container', 'containers', '이미지', '컨테이너', 'vs', 'difference', '차이', '비교'],
    title: { en: 'Image and container: the difference', ko: '이미지와 컨테이너의 차이' },
    points: {
      en: [
        'An image is a read-only template: the files and settings of an application, stored in layers.',
        'A container is a running (or stopped) instance made from an image, with a thin writable layer of its own on top.',
        'One image can start many containers; removing a container leaves its image, and an image in use by a container cannot be removed.',
        'Like a class and its objects: `docker images` lists the templates, `docker ps -a` the instances.',
      ],
      ko: [
        '이미지는 읽기 전용 템플릿이다. 애플리케이션의 파일과 설정이 레이어로 쌓여 있다.',
        '컨테이너는 이미지로 만든 실행 중인(또는 멈춘) 인스턴스이며, 그 위에 자기만의 얇은 쓰기 가능 레이어를 가진다.',
        '이미지 하나로 여러 컨테이너를 띄울 수 있다. 컨테이너를 지워도 이미지는 남고, 컨테이너가 쓰는 이미지는 지울 수 없다.',
        '클래스와 객체의 관계와 같다. `docker images`는 템플릿을, `docker ps -a`는 인스턴스를 보여 준다.',
      ],
    },
    try: ['images', 'ps -a', 'explain layer'],
  },
  {
    id: 'port',
    names: [
      'port',
      'ports',
      'publish',
      'port publishing',
      'publishing ports',
      'port mapping',
      'port forwarding',
      'expose',
      '-p',
      '포트',
      '포트 공개',
      '포트 매핑',
      '포트 포워딩',
      '포트포워딩',
    ],
    keywords: ['publishing', 'mapping', 'forwarding', '공개', '매핑', '포워딩', '연결'],
    title: { en: 'Publishing ports', ko: '포트 공개' },
    points: {
      en: [
        'A container has its own network namespace: a server listening on port 80 inside it cannot be reached from outside until the port is published.',
        '`-p 8080:80` publishes it: connections to port 8080 of the host go to port 80 of the container (`-p 127.0.0.1:8080:80` only on loopback, `-p 8080:80/udp` for UDP).',
        '`-P` publishes every port the image declares with EXPOSE on random host ports; `docker port CONTAINER` shows which.',
        'EXPOSE in a Dockerfile only documents a port; it publishes nothing by itself.',
        'Here sandbox containers have no network, so `-p` is refused; `/docker curl` asks a web container from inside its own network namespace.',
      ],
      ko: [
        '컨테이너는 자기만의 네트워크 네임스페이스를 가진다. 안에서 80번 포트로 듣는 서버도 포트를 공개하기 전에는 밖에서 접속할 수 없다.',
        '`-p 8080:80`으로 공개하면 호스트의 8080 포트로 들어온 연결이 컨테이너의 80 포트로 간다 (`-p 127.0.0.1:8080:80`은 루프백에서만, `-p 8080:80/udp`는 UDP).',
        '`-P`는 이미지가 EXPOSE로 밝힌 모든 포트를 호스트의 임의 포트에 공개한다. 어느 포트인지는 `docker port CONTAINER`로 본다.',
        'Dockerfile의 EXPOSE는 포트를 문서로 알릴 뿐 스스로 공개하지는 않는다.',
        '여기서는 샌드박스 컨테이너에 네트워크가 없어서 `-p`를 거부한다. `/docker curl`은 웹 컨테이너의 네트워크 네임스페이스 안에서 요청을 보낸다.',
      ],
    },
    try: ['explain run -d -p 8080:80 nginx', 'explain network', 'explain webserver'],
  },
  {
    id: 'network',
    names: [
      'network',
      'networks',
      'networking',
      'docker network',
      'bridge',
      'bridge network',
      '네트워크',
      '도커 네트워크',
      '브리지',
      '브리지 네트워크',
    ],
    keywords: ['dns', 'host', 'none', '호스트', '통신'],
    title: { en: 'Networks', ko: '네트워크' },
    points: {
      en: [
        'By default a container joins the bridge network: it gets its own IP address and reaches the outside through NAT on the host.',
        "On a network you create (`docker network create app`), containers find each other by name through Docker's DNS.",
        "`--network host` shares the host's network stack (no isolation); `--network none` leaves only loopback.",
        'Publishing a port (`-p`) is how the outside reaches a container on a bridge network.',
        'Here every sandbox container runs with network none: only loopback.',
      ],
      ko: [
        '컨테이너는 기본으로 bridge 네트워크에 붙는다. 자기 IP 주소를 받고, 바깥과는 호스트의 NAT를 거쳐 통신한다.',
        '직접 만든 네트워크(`docker network create app`)에서는 컨테이너끼리 도커의 DNS로 서로의 이름을 찾는다.',
        '`--network host`는 호스트의 네트워크를 그대로 함께 쓰고(격리 없음), `--network none`은 루프백만 남긴다.',
        '바깥에서 bridge 네트워크의 컨테이너에 접속하려면 포트를 공개(`-p`)한다.',
        '여기서는 모든 샌드박스 컨테이너가 network none으로 실행되어 루프백만 있다.',
      ],
    },
    try: ['explain port', 'explain network create app', 'explain isolation'],
  },
  {
    id: 'layer',
    names: [
      'layer',
      'layers',
      'image layer',
      'image layers',
      'union filesystem',
      'overlay',
      'overlayfs',
      'cache',
      'build cache',
      '레이어',
      '이미지 레이어',
      '계층',
      '빌드 캐시',
    ],
    keywords: ['image', '이미지', 'cache', '캐시'],
    title: { en: 'Image layers', ko: '이미지 레이어' },
    points: {
      en: [
        'An image is a stack of read-only layers; each instruction of a Dockerfile that changes files adds one.',
        'Images share the layers they have in common: pulling a second image on the same base downloads only the new layers.',
        'A container adds one thin writable layer on top; what it writes there disappears with the container (use a volume to keep data).',
        'A build reuses a layer from cache while its instruction and inputs are unchanged: put what changes often last.',
        '`docker history IMAGE` lists the layers of an image and the instruction that made each.',
      ],
      ko: [
        '이미지는 읽기 전용 레이어를 쌓은 것이다. Dockerfile에서 파일을 바꾸는 명령 하나가 레이어 하나를 더한다.',
        '이미지들은 공통 레이어를 함께 쓴다. 같은 기본 이미지를 쓰는 두 번째 이미지를 받을 때는 새 레이어만 내려받는다.',
        '컨테이너는 그 위에 얇은 쓰기 가능 레이어를 하나 더한다. 여기에 쓴 것은 컨테이너와 함께 사라지므로 데이터는 볼륨에 둔다.',
        '빌드는 명령과 입력이 그대로인 동안 레이어를 캐시에서 다시 쓴다. 자주 바뀌는 것을 뒤에 둔다.',
        '`docker history IMAGE`는 이미지의 레이어와 각 레이어를 만든 명령을 보여 준다.',
      ],
    },
    try: ['explain history busybox', 'explain dockerfile', 'explain image'],
  },
  {
    id: 'dockerfile',
    names: [
      'dockerfile',
      'dockerfiles',
      'build',
      'docker build',
      'image build',
      'building images',
      'buildx',
      '도커파일',
      '빌드',
      '이미지 빌드',
      '이미지 만들기',
    ],
    keywords: ['from', 'copy', 'cmd', 'entrypoint', 'image', '이미지', '만들기'],
    title: { en: 'Dockerfile and build', ko: 'Dockerfile과 빌드' },
    points: {
      en: [
        'A Dockerfile is the recipe of an image: FROM a base image, then RUN, COPY, ENV, WORKDIR…, and CMD or ENTRYPOINT for the command a container runs.',
        '`docker build -t NAME:TAG .` builds an image from the Dockerfile in the current directory (the build context).',
        'Each instruction makes a layer, reused from cache while nothing it depends on changed; `.dockerignore` keeps files out of the context.',
        'A multi-stage build (several FROM) compiles in one stage and copies only the result into a small final image.',
        'Stevedore does not build images: its sandbox images are built offline from images/.',
      ],
      ko: [
        'Dockerfile은 이미지의 조리법이다. FROM으로 기본 이미지를 정하고 RUN, COPY, ENV, WORKDIR 등을 쓴 뒤, 컨테이너가 실행할 명령을 CMD나 ENTRYPOINT로 정한다.',
        '`docker build -t NAME:TAG .`는 현재 디렉터리(빌드 컨텍스트)의 Dockerfile로 이미지를 빌드한다.',
        '명령마다 레이어가 하나 생기고, 그 명령이 기대는 것이 바뀌지 않는 동안 캐시에서 다시 쓴다. `.dockerignore`는 컨텍스트에서 뺄 파일을 정한다.',
        '멀티 스테이지 빌드(FROM 여러 개)는 한 단계에서 컴파일하고 결과만 작은 최종 이미지로 복사한다.',
        'Stevedore는 이미지를 빌드하지 않는다. 샌드박스 이미지는 images/에서 오프라인으로 빌드한다.',
      ],
    },
    try: ['explain build -t app:1 .', 'explain layer'],
  },
  {
    id: 'compose',
    names: [
      'compose',
      'docker compose',
      'docker-compose',
      'compose file',
      'compose.yaml',
      'docker-compose.yml',
      '컴포즈',
      '도커 컴포즈',
      '컴포즈 파일',
    ],
    keywords: ['services', 'service', 'yaml', '서비스', '여러 컨테이너'],
    title: { en: 'Compose: several containers as one application', ko: 'Compose: 여러 컨테이너를 한 애플리케이션으로' },
    points: {
      en: [
        'Compose describes an application of several containers in one YAML file (compose.yaml): its services, networks and volumes.',
        '`docker compose up -d` creates and starts them all, on a network of their own where services find each other by name; `docker compose down` removes them.',
        'Each service names an image (or a build), its ports, volumes and environment: what you would otherwise type as `docker run` flags.',
        'docker compose is a CLI plugin; this deployment is itself described in docker-compose.yml (redis, bot, workers, sandbox host).',
      ],
      ko: [
        'Compose는 여러 컨테이너로 된 애플리케이션을 YAML 파일 하나(compose.yaml)에 적는다. 서비스, 네트워크, 볼륨을 함께 정한다.',
        '`docker compose up -d`는 모두 만들고 시작하며, 서비스끼리 이름으로 서로를 찾는 전용 네트워크에 둔다. `docker compose down`은 모두 지운다.',
        '서비스마다 이미지(또는 빌드), 포트, 볼륨, 환경 변수를 정한다. 그렇지 않으면 `docker run` 플래그로 입력했을 것들이다.',
        'docker compose는 CLI 플러그인이다. 이 배포 자체도 docker-compose.yml에 적혀 있다 (redis, 봇, 워커, 샌드박스 호스트).',
      ],
    },
    try: ['explain compose up -d', 'explain network', 'explain volume'],
  },
];

/** Words of a question that say nothing about which concept: `what is a`, `뭐야`, `docker`. */
const STOPWORDS = new Set(
  'what whats is are a an the of in on and or about how does do work works explain tell me me docker docker의 도커 도커의 무엇 뭐 뭐야 뭐예요 뭔가요 뭔가 뭐지 무엇인가요 무엇인가 설명 설명해 설명해줘 알려줘 알려 줘 주세요 개념 이란 란 뜻'.split(
    ' ',
  ),
);
/** Particles a Korean word may carry (`이미지와`, `컨테이너의`, `포트란`), longest first. */
const PARTICLES = ['이란', '이랑', '에서', '으로', '와', '과', '의', '은', '는', '이', '가', '을', '를', '란', '로', '랑', '도'];

const squash = (text: string) => text.replace(/\s+/g, '');
/** Each concept's words, whole and cut into single words, for a question's score. */
const INDEX = CONCEPTS.map((c) => {
  const all = [...c.names, ...(c.keywords ?? [])].map((n) => n.toLowerCase());
  return {
    concept: c,
    names: new Set(c.names.flatMap((n) => [n.toLowerCase(), squash(n.toLowerCase())])),
    words: new Set(all.flatMap((n) => n.split(/\s+/))),
  };
});

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[?？!.,。"'`]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A word as a concept word: itself, or without the particle it carries. */
function bare(word: string, known: Set<string>): string | undefined {
  if (known.has(word)) return word;
  const particle = PARTICLES.find((p) => word.endsWith(p) && word.length > p.length && known.has(word.slice(0, -p.length)));
  return particle ? word.slice(0, -particle.length) : undefined;
}

/**
 * Finds a concept by any of its names, in either language, ignoring case, spaces and punctuation; failing that,
 * reads the words as a question (`이미지와 컨테이너 차이`, `VM vs container`, `what is a layer?`): the concept whose
 * words cover most of the question's words wins, and only when they cover at least half of them.
 */
export function findConcept(words: string): Concept | undefined {
  const key = normalise(words);
  if (!key) return undefined;
  const exact = INDEX.find((e) => e.names.has(key) || e.names.has(squash(key)));
  if (exact) return exact.concept;
  const tokens = key.split(' ').filter((w) => !STOPWORDS.has(w));
  if (!tokens.length) return undefined;
  let best: { concept: Concept; score: number } | undefined;
  for (const e of INDEX) {
    const score = tokens.filter((w) => bare(w, e.words) !== undefined).length;
    if (score > (best?.score ?? 0)) best = { concept: e.concept, score };
  }
  return best && best.score * 2 >= tokens.length ? best.concept : undefined;
}
