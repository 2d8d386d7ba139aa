import { catalog } from './catalog-types.js';

/** The bot's and the worker's own words: uploads, access, quotas, the language choice, jobs that end by themselves. */
export const pipeline = catalog({
  'upload.missing': {
    en: (p: { name: string }) => `No file named ${p.name} came with the command.`,
    ko: (p: { name: string }) => `${p.name} 파일이 명령과 함께 오지 않았습니다.`,
  },
  'upload.missing.slack': {
    en: 'Slack slash commands carry no files: use the terminal or Discord for cp into a container.',
    ko: 'Slack 슬래시 명령으로는 파일을 보낼 수 없습니다. 컨테이너로 cp 하려면 터미널이나 Discord를 쓰세요.',
  },
  'upload.missing.hint': {
    en: (p: { name: string }) => `Attach ${p.name} to the command (the file option).`,
    ko: (p: { name: string }) => `명령에 ${p.name} 파일을 첨부하세요 (file 옵션).`,
  },
  'upload.noLocalFile': {
    en: (p: { path: string }) => `There is no file ${p.path} here.`,
    ko: (p: { path: string }) => `여기에는 ${p.path} 파일이 없습니다.`,
  },
  'upload.noLocalFile.hint': { en: 'Give the path of a file on this machine.', ko: '이 컴퓨터에 있는 파일의 경로를 적으세요.' },
  'upload.download': {
    en: (p: { name: string }) => `${p.name} could not be downloaded from the platform.`,
    ko: (p: { name: string }) => `${p.name} 파일을 플랫폼에서 내려받지 못했습니다.`,
  },
  'upload.download.hint': { en: 'Attach it again.', ko: '다시 첨부하세요.' },
  'upload.tooBig': {
    en: (p: { name: string; mib: number }) => `${p.name} is larger than ${p.mib} MiB, the most cp takes in here.`,
    ko: (p: { name: string; mib: number }) => `${p.name} 파일이 ${p.mib} MiB보다 큽니다. 여기서 cp로 받을 수 있는 최대 크기입니다.`,
  },
  'upload.tooBig.hint': { en: 'Send a smaller file.', ko: '더 작은 파일을 보내세요.' },
  'upload.expired': {
    en: (p: { name: string }) => `The file ${p.name} waited too long and is gone.`,
    ko: (p: { name: string }) => `${p.name} 파일이 너무 오래 기다려 사라졌습니다.`,
  },
  'upload.expired.hint': { en: 'Send the command with the file again.', ko: '파일과 함께 명령을 다시 보내세요.' },
});
