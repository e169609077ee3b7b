import type { AppContext } from '../app-context.ts';
import type { ProgramActor } from '../programs/program-definition.ts';
import { beginCycle, type RunResult } from './run-cycle.ts';
import type { CycleView } from './views.ts';

/**
 * Cycle runs started from the console go on in the background of the server process:
 * the request answers as soon as the cycle row exists, and the console follows the
 * progress stored with the cycle. One walk per cycle per process; a second request
 * while it walks just gets the cycle. When the server stops, walks are asked to stop
 * after their batch (a run resumes from there when started again); a crash leaves the
 * cycle `running`, and running it again resumes it the same way.
 */
export class CycleJobs {
  private readonly walking = new Map<string, { done: Promise<RunResult | undefined>; stop: AbortController }>();

  constructor(private readonly log: { error: (details: object, message: string) => void }) {}

  async start(ctx: AppContext, actor: ProgramActor, code: string, period: string, requestId?: string): Promise<{ cycle: CycleView; alreadyRun: boolean }> {
    const begun = await beginCycle(ctx, actor, code, period, { requestId });
    if (begun.result) return { cycle: begun.cycle, alreadyRun: true };
    const key = `${code}/${begun.cycle.period}`;
    if (!this.walking.has(key)) {
      const stop = new AbortController();
      const done = begun
        .walk({ signal: stop.signal, ...(requestId ? { requestId } : {}) })
        .catch((error: unknown) => {
          // The cycle stays `running` with its cursor: running it again resumes it.
          this.log.error({ err: error, program: code, period: key }, 'cycle run stopped');
          return undefined;
        })
        .finally(() => this.walking.delete(key));
      this.walking.set(key, { done, stop });
    }
    return { cycle: begun.cycle, alreadyRun: false };
  }

  /** Resolves when every walk has stopped (after its current batch). */
  async stopAll(): Promise<void> {
    const jobs = [...this.walking.values()];
    for (const job of jobs) job.stop.abort();
    await Promise.all(jobs.map((j) => j.done));
  }

  /** Resolves when the walk of a cycle (if any) has finished: for tests and the CLI. */
  async settled(code: string, period: string): Promise<void> {
    await this.walking.get(`${code}/${period}`)?.done;
  }
}
