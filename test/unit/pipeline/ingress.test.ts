import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AckFirst } from '../../../src/pipeline/ack-first.js';

// These tests check the order in which admissions and deliveries happen. The clock is the test's own (fake timers
// and a fake performance.now), moved forward step by step, so nothing here depends on how fast the machine is;
// how long a delivery really waits under load is measured in bench/.

/** One command's admission, which ends when the test opens it. */
function admission() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  return { open, done };
}

/** Moves the test's clock forward, running the timers and promise callbacks that fall due on the way. */
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

let events: string[];
const note = (event: string) => () => void events.push(event);

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  await advance(1_000); // a process that has been up a while: its start is not a burst
  events = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AckFirst', () => {
  it('lets a delivery go at once when no command is arriving', async () => {
    const ingress = new AckFirst();
    void ingress.quiet(1000).then(note('delivered'));
    await advance(0);
    expect(events).toEqual(['delivered']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('holds a delivery until a burst of admissions is over', async () => {
    const ingress = new AckFirst();
    const admitted: Promise<void>[] = [];
    let delivery: Promise<void> | undefined;
    for (let i = 1; i <= 10; i++) {
      const command = admission();
      admitted.push(ingress.admitting(() => command.done).then(note(`admitted ${i}`)));
      delivery ??= ingress.quiet(5000).then(note('delivered')); // a reply arrives with the burst's first command
      await advance(5); // each command takes a moment to admit
      command.open();
      await advance(3); // and the next one arrives a moment after
    }
    await Promise.all(admitted);
    expect(events).toEqual(Array.from({ length: 10 }, (_, i) => `admitted ${i + 1}`));
    await advance(6); // the burst counts as over once no command has been admitted for 10 ms
    expect(events).toHaveLength(10);
    await advance(1);
    expect(events.at(-1)).toBe('delivered');
    expect(events).toHaveLength(11);
  });

  it('never holds a delivery longer than asked', async () => {
    const ingress = new AckFirst();
    const endless = admission();
    const admitted = ingress.admitting(() => endless.done).then(note('admitted'));
    void ingress.quiet(50).then(note('delivered'));
    await advance(49);
    expect(events).toEqual([]);
    await advance(1);
    expect(events).toEqual(['delivered']); // while the command is still being admitted
    endless.open();
    await admitted;
    expect(events).toEqual(['delivered', 'admitted']);
  });

  it('sends every waiting delivery once the first wait runs out', async () => {
    const ingress = new AckFirst();
    const endless = admission();
    const admitted = ingress.admitting(() => endless.done).then(note('admitted'));
    void ingress.quiet(500).then(note('long wait delivered'));
    void ingress.quiet(50).then(note('short wait delivered'));
    await advance(50);
    expect(events.sort()).toEqual(['long wait delivered', 'short wait delivered']);
    endless.open();
    await admitted;
  });

  it('lets replies go as long as they waited once commands never stop coming, so they cannot starve', async () => {
    const ingress = new AckFirst();
    let stop = false;
    const stream = (async () => {
      while (!stop) await ingress.admitting(() => new Promise((resolve) => setTimeout(resolve, 2)));
    })();
    void ingress.quiet(60).then(note('first'));
    await advance(59);
    expect(events).toEqual([]);
    await advance(1);
    expect(events).toEqual(['first']); // held the whole 60 ms

    void ingress.quiet(60).then(note('second'));
    await advance(0);
    expect(events).toEqual(['first', 'second']); // then free, at once
    await advance(59);
    void ingress.quiet(60).then(note('third'));
    await advance(0);
    expect(events).toEqual(['first', 'second', 'third']); // for as long as the first one waited

    await advance(1);
    void ingress.quiet(60).then(note('fourth'));
    await advance(59);
    expect(events).toEqual(['first', 'second', 'third']); // and held again after that
    await advance(1);
    expect(events).toEqual(['first', 'second', 'third', 'fourth']);
    stop = true;
    await advance(2);
    await stream;
  });

  it('does not hold at all when the wait is 0', async () => {
    const ingress = new AckFirst();
    const busy = admission();
    const admitted = ingress.admitting(() => busy.done).then(note('admitted'));
    void ingress.quiet(0).then(note('delivered'));
    await advance(0);
    expect(events).toEqual(['delivered']);
    busy.open();
    await admitted;
    expect(events).toEqual(['delivered', 'admitted']);
  });
});
