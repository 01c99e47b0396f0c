// Prints one closing line for the whole `npm test` run from the unit and e2e JSON reports.
import { existsSync, readFileSync } from 'node:fs';

function read(file) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

const unit = read('reports/unit.json');
const e2e = read('reports/e2e.json');
// The browser benchmark smokes run after e2e (they need its build); in the unit run they were skipped.
const bench = read('reports/bench-smoke.json');
const e2ePassed = (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const benchPassed = bench?.numPassedTests ?? 0;
const passed = (unit?.numPassedTests ?? 0) + e2ePassed + benchPassed;
const failed = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (bench?.numFailedTests ?? 0);
const skipped = Math.max(0, (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) - benchPassed) + (e2e?.stats?.skipped ?? 0);
console.log(`\nunit ${unit?.numPassedTests ?? 0} passed, e2e ${e2ePassed} passed, browser benchmark smokes ${benchPassed} passed`);
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
