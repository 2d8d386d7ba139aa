import type { Lab } from './types.js';

/** Lab 5, from the notes' web server part: a server in a container, its page in a volume, a reset from the image. */
export const webServer: Lab = {
  number: 5,
  id: 'web-server',
  title: { en: 'A web server in a container', ko: '컨테이너 안의 웹 서버' },
  about: {
    en: 'The notes: run the web server as a container, with the files it serves made by hand; when it breaks, reset it from the image like a factory reset.',
    ko: '노트의 내용: 웹 서버는 도커 컨테이너로 실행하고, 웹 서버를 구성하는 파일은 직접 만들어 넣습니다. 문제가 생기면 공장 초기화를 하듯 이미지로 서버를 다시 띄웁니다.',
  },
  containers: ['site'],
  volumes: ['site'],
  steps: [
    {
      id: 'serve',
      do: {
        en: 'Start the web image in the background as a container named site, with the volume site mounted at /www.',
        ko: 'web 이미지를 site라는 이름의 컨테이너로 백그라운드에서 띄우고, site 볼륨을 /www에 마운트합니다.',
      },
      why: {
        en: '-d runs it in the background: a server keeps running. It serves what is in /www on port 8080; the volume keeps the pages apart from the container.',
        ko: '-d를 붙이면 백그라운드에서 실행되어 서버가 계속 돌아갑니다. 이 서버는 /www의 파일을 8080 포트로 제공하고, 볼륨 덕분에 페이지가 컨테이너와 따로 보관됩니다.',
      },
      command: 'run -d --name site -v site:/www web',
      checks: [{ kind: 'container', name: 'site', image: 'stevedore/web:latest', running: true }],
      hint: {
        en: 'The image is web, the name site, and -d keeps it running; remove a wrong one with /docker rm -f NAME.',
        ko: '이미지는 web, 이름은 site이고 -d가 있어야 계속 실행됩니다. 잘못 만든 컨테이너는 /docker rm -f 이름으로 삭제하세요.',
      },
    },
    {
      id: 'page',
      do: {
        en: 'Copy a page index.html of yours into site as /www/index.html.',
        ko: '내 페이지 index.html을 site 안의 /www/index.html로 복사합니다.',
      },
      why: {
        en: 'The server is the image; the page is yours. cp puts it where the server looks, in the volume.',
        ko: '서버는 이미지에 들어 있고 페이지는 내 것입니다. cp로 서버가 찾는 곳, 즉 볼륨에 페이지를 넣습니다.',
      },
      command: 'cp index.html site:/www/index.html',
      file: { name: 'index.html', content: '<h1>our team</h1>\n' },
      noFiles: {
        do: {
          en: 'Write your page into site as /www/index.html from inside the container, with exec.',
          ko: 'exec로 컨테이너 안에서 site의 /www/index.html에 내 페이지를 씁니다.',
        },
        command: "exec site sh -c 'echo our team > /www/index.html'",
      },
      checks: [{ kind: 'file', container: 'site', path: '/www/index.html', content: 'our team' }],
      hint: { en: 'The destination is site:/www/index.html.', ko: '대상은 site:/www/index.html입니다.' },
    },
    {
      id: 'curl',
      do: { en: 'Ask the server for /index.html.', ko: '서버에 /index.html을 요청합니다.' },
      why: {
        en: 'curl asks from inside the container: in the sandbox it has no network of its own but its loopback.',
        ko: 'curl은 컨테이너 안에서 요청합니다. 샌드박스의 컨테이너에는 자기 루프백 말고는 네트워크가 없기 때문입니다.',
      },
      command: 'curl site /index.html',
      checks: [
        { kind: 'asked', command: 'curl', args: ['site', '/index.html'], succeeded: true },
        { kind: 'http', container: 'site', path: '/index.html', holds: 'our team' },
      ],
      hint: { en: 'Give the container and the path: curl site /index.html.', ko: '컨테이너와 경로를 씁니다: curl site /index.html.' },
    },
    {
      id: 'reset',
      do: {
        en: 'Reset the server from its image: remove site (rm -f site), then run it again exactly as before.',
        ko: '서버를 이미지로 초기화합니다. site를 삭제(rm -f site)하고 처음과 똑같이 다시 실행합니다.',
      },
      why: {
        en: 'A broken server is not repaired: a new container from the image replaces it, and the page, kept in the volume, is served again.',
        ko: '문제가 생긴 서버는 고치지 않고, 이미지로 만든 새 컨테이너로 바꿉니다. 페이지는 볼륨에 남아 있으므로 다시 제공됩니다.',
      },
      command: 'run -d --name site -v site:/www web',
      checks: [
        { kind: 'container', name: 'site', image: 'stevedore/web:latest', running: true, createdSince: true },
        { kind: 'http', container: 'site', path: '/index.html', holds: 'our team' },
      ],
      hint: {
        en: 'First /docker rm -f site, then /docker run -d --name site -v site:/www web.',
        ko: '먼저 /docker rm -f site, 그다음 /docker run -d --name site -v site:/www web을 입력하세요.',
      },
    },
  ],
  done: {
    en: 'Your page outlived its server: a container from the image serves it again, as after a factory reset.',
    ko: '페이지가 서버보다 오래 남았습니다. 공장 초기화를 한 것처럼 이미지로 만든 컨테이너가 다시 페이지를 제공합니다.',
  },
};
