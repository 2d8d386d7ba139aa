import { describe, expect, it } from 'vitest';
import { Ingress } from '../../../src/pipeline/ingress.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Ingress', () => {
  it('lets a delivery go at once when no command is arriving', async () => {
    const ingress = new Ingress();
    const started = performance.now();
    await ingress.quiet(1000);
    expect(performance.now() - started).toBeLessThan(5);
  });

  it('holds a delivery until a burst of admissions is over', async () => {
    const ingress = new Ingress();
    let admitted = 0;
    const burst = (async () => {
      for (let i = 0; i < 10; i++) await ingress.admitting(async () => void (await sleep(5), admitted++));
    })();
    await sleep(1);
    await ingress.quiet(5000);
    expect(admitted).toBe(10); // the delivery went only after the last command was admitted
    await burst;
  });

  it('never holds a delivery longer than asked', async () => {
    const ingress = new Ingress();
    const endless = ingress.admitting(() => sleep(300));
    const started = performance.now();
    await ingress.quiet(50);
    const waited = performance.now() - started;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(250);
    await endless;
  });

  it('lets replies go as long as they waited once commands never stop coming, so they cannot starve', async () => {
    const ingress = new Ingress();
    let stop = false;
    const stream = (async () => {
      while (!stop) await ingress.admitting(() => sleep(2));
    })();
    const first = performance.now();
    await ingress.quiet(60); // held the whole 60 ms
    expect(performance.now() - first).toBeGreaterThanOrEqual(55);
    const next = performance.now();
    await ingress.quiet(60); // then free for as long
    expect(performance.now() - next).toBeLessThan(5);
    await sleep(80);
    const later = performance.now();
    await ingress.quiet(60); // and held again
    expect(performance.now() - later).toBeGreaterThanOrEqual(55);
    stop = true;
    await stream;
  });

  it('does not hold at all when the wait is 0', async () => {
    const ingress = new Ingress();
    const busy = ingress.admitting(() => sleep(100));
    const started = performance.now();
    await ingress.quiet(0);
    expect(performance.now() - started).toBeLessThan(5);
    await busy;
  });
});
