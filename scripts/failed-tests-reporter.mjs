/**
 * A test reporter that stays silent until the run ends, then writes each failed test —
 * its file, its suite path and the first lines of its error — so that the end of a
 * long CI log says which test failed without scrolling back through it.
 * `scripts/test.ts` runs it beside the TAP reporter and prints what it wrote.
 * Plain JavaScript: the runner loads reporters before tsx's hooks are in place.
 *
 * @param {AsyncIterable<{ type: string, data: { name: string, nesting: number, file?: string, details?: { type?: string, error?: unknown } } }>} source
 */
export default async function* failedTests(source) {
  /** @type {{ file: string | undefined, path: string[], error: string }[]} */
  const failures = [];
  // The names of the suites being run, by nesting level, per file: a failure's path.
  /** @type {Map<string, string[]>} */
  const open = new Map();
  for await (const event of source) {
    if (event.type !== 'test:start' && event.type !== 'test:fail') continue;
    const data = event.data;
    const names = open.get(data.file ?? '') ?? [];
    open.set(data.file ?? '', names);
    if (event.type === 'test:start') {
      names.length = data.nesting;
      names.push(data.name);
      continue;
    }
    if (data.details?.type === 'suite') continue; // its failing tests are listed themselves
    failures.push({ file: data.file, path: [...names.slice(0, data.nesting), data.name], error: describeError(data.details?.error) });
  }
  if (failures.length === 0) return;
  yield `\n# ${failures.length} failed test${failures.length === 1 ? '' : 's'}:\n`;
  for (const f of failures) {
    const lines = f.error.split('\n').slice(0, 12).map((line) => `#     ${line}`);
    yield `# ✖ ${f.file ?? '?'}: ${f.path.join(' › ')}\n${lines.join('\n')}\n`;
  }
}

/** @param {unknown} error */
function describeError(error) {
  // The runner wraps a test's own error as the `cause` of its ERR_TEST_FAILURE.
  const cause = /** @type {{ cause?: unknown } | undefined} */ (error)?.cause ?? error;
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
}
