// Prints one plain "jest: N passed, N failed" line from jest --json result files, so CI
// reads the count whatever the runner's own summary looks like.
const { readFileSync } = require('node:fs');

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
	const result = JSON.parse(readFileSync(file, 'utf8'));
	passed += result.numPassedTests;
	failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
}
console.log(`jest: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
