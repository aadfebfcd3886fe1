// Prints the plain summary line CI readers look for, from vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
try {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  const tail = skipped > 0 ? `, ${skipped} skipped` : '';
  console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed${tail}`);
} catch (error) {
  console.log(`0 passed, 1 failed (no test report at ${file}: ${error.message})`);
  process.exitCode = 1;
}
