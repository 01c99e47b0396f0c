// Prints one closing line for the whole `npm test` run from the JSON reports: unit (with the conformance suite on Redis), e2e and bench smokes.
import { existsSync, readFileSync } from 'node:fs';

function read(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

/** The counts of several vitest JSON reports together (missing ones count nothing). */
function sumVitest(reports) {
  const sum = (key) => reports.reduce((n, r) => n + (r?.[key] ?? 0), 0);
  return { numPassedTests: sum('numPassedTests'), numFailedTests: sum('numFailedTests'), numPendingTests: sum('numPendingTests'), numTodoTests: sum('numTodoTests') };
}

const unitRun = read('reports/unit.json');
// The conformance suite once more, against a gateway node on Redis (GATEWAY_ENGINE=redis).
const redis = read('reports/conformance-redis.json');
const unit = unitRun || redis ? sumVitest([unitRun, redis]) : null;
const e2e = read('reports/e2e.json');
// The browser benchmark smokes run after e2e (they need its build); in the unit run they were skipped.
const bench = read('reports/bench-smoke.json');
const e2ePassed = (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const benchPassed = bench?.numPassedTests ?? 0;
const passed = (unit?.numPassedTests ?? 0) + e2ePassed + benchPassed;
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (bench?.numFailedTests ?? 0);
const skipped = Math.max(0, (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) - benchPassed) + (e2e?.stats?.skipped ?? 0);
console.log(`\nunit ${unit?.numPassedTests ?? 0} passed (conformance on Redis ${redis?.numPassedTests ?? 0} of them), e2e ${e2ePassed} passed, browser benchmark smokes ${benchPassed} passed`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
