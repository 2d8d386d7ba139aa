import { describe, expect, it } from 'vitest';
import { EditPacer, type EditBudget } from '../../../src/adapters/shared/edit-pacer.js';

/** A budget of edits handed out by the test: none goes without one. */
class Tokens implements EditBudget {
  left = 0;
  wait(): number {
    return this.left > 0 ? 0 : 60_000;
  }
  spend(): void {
    this.left -= 1;
  }
}

describe('EditPacer', () => {
  it('sends only what the budget allows, the latest edit of each message, the longest-waiting message first', async () => {
    const budget = new Tokens();
    const sent: string[] = [];
    const pacer = new EditPacer(budget, () => {});
    const edit = (key: string, text: string) => pacer.offer(key, async () => void sent.push(`${key}:${text}`));
    budget.left = 1;
    edit('a', '1');
    await expect.poll(() => sent).toEqual(['a:1']);
    // No budget: edits wait, and a newer edit of a message replaces the older one.
    edit('a', '2');
    edit('b', '1');
    edit('b', '2');
    edit('c', '1');
    expect(sent).toEqual(['a:1']);
    // Two edits' worth: the messages not edited yet go before the one edited already.
    budget.left = 2;
    edit('c', '2');
    await expect.poll(() => sent).toEqual(['a:1', 'b:2', 'c:2']);
    // A finished message's waiting edit is dropped: nothing of it comes after its final reply.
    await pacer.finish('a');
    budget.left = 5;
    edit('d', '1');
    await expect.poll(() => sent).toEqual(['a:1', 'b:2', 'c:2', 'd:1']);
    pacer.stop();
  });

  it('waits for the edit in flight before a final reply goes', async () => {
    const budget = new Tokens();
    budget.left = 1;
    const order: string[] = [];
    let release!: () => void;
    const pacer = new EditPacer(budget, () => {});
    pacer.offer('a', () => new Promise<void>((resolve) => (release = () => (order.push('edit'), resolve()))));
    const finished = pacer.finish('a').then(() => order.push('final'));
    await expect.poll(() => typeof release).toBe('function');
    release();
    await finished;
    expect(order).toEqual(['edit', 'final']);
    pacer.stop();
  });
});
