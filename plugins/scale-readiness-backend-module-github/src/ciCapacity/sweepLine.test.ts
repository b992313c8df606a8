import { mapFailFast, peakConcurrency } from './sweepLine';

const t = (minutes: number) => minutes * 60_000;
const job = (from: number, to: number) => ({ start: t(from), end: t(to) });

describe('peakConcurrency', () => {
  it('counts overlapping intervals and reports when the peak was reached', () => {
    // 0–10, 2–8, 5–12, 6–7: four open at minute 6
    expect(
      peakConcurrency([job(0, 10), job(2, 8), job(5, 12), job(6, 7)]),
    ).toEqual({
      peak: 4,
      at: t(6),
    });
  });

  it('does not count back-to-back jobs as overlapping', () => {
    expect(peakConcurrency([job(0, 5), job(5, 10), job(10, 15)]).peak).toBe(1);
    // two parallel lanes of back-to-back jobs stay at 2
    expect(
      peakConcurrency([job(0, 5), job(5, 10), job(0, 5), job(5, 10)]).peak,
    ).toBe(2);
    // one millisecond of overlap counts
    expect(
      peakConcurrency([job(0, 5), { start: t(5) - 1, end: t(9) }]).peak,
    ).toBe(2);
  });

  it('ignores empty and inverted intervals and is independent of input order', () => {
    expect(peakConcurrency([job(3, 3), job(5, 4)])).toEqual({ peak: 0 });
    const jobs = [job(0, 4), job(1, 3), job(2, 6), job(4, 5), job(5, 7)];
    const reversed = [...jobs].reverse();
    expect(peakConcurrency(reversed)).toEqual(peakConcurrency(jobs));
    expect(peakConcurrency(jobs)).toEqual({ peak: 3, at: t(2) });
  });
});

describe('mapFailFast', () => {
  it('keeps order, bounds the calls in flight, and starts nothing after a failure', async () => {
    let open = 0;
    let most = 0;
    const out = await mapFailFast([5, 1, 4, 2, 3], 2, async n => {
      open++;
      most = Math.max(most, open);
      await new Promise(r => setTimeout(r, n));
      open--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(most).toBe(2);

    const started: number[] = [];
    await expect(
      mapFailFast([1, 2, 3, 4, 5, 6], 2, async n => {
        started.push(n);
        await new Promise(r => setTimeout(r, 2));
        if (n === 2) throw new Error('503');
        return n;
      }),
    ).rejects.toThrow('503');
    expect(started).toEqual([1, 2, 3]);
  });
});
