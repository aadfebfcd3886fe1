// Prints the plain summary line CI readers look for, from vitest's JSON report. A test file
// that fails to load (e.g. Redis is down) counts as a failure even when none of its tests ran.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const brokenFiles = (report.testResults ?? []).filter(
    (result) =>
      result.status === 'failed' && (result.assertionResults ?? []).every((a) => a.status !== 'failed'),
  ).length;
  const failed = report.numFailedTests + brokenFiles;
  const skipped = report.numPendingTests + report.numTodoTests;
  const tail = skipped > 0 ? `, ${skipped} skipped` : '';
  console.log(`${report.numPassedTests} passed, ${failed} failed${tail}`);
} catch (error) {
  console.log(`0 passed, 1 failed (no test report at ${file}: ${error.message})`);
  process.exitCode = 1;
}
