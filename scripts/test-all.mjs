// npm test: every check, in order, stopping at the first failure. It fails when any part
// fails or when no test ran, and ends with one "N passed, N failed" line for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
mkdirSync('test-results', { recursive: true });

const steps = [
  { name: 'typecheck', cmd: npm, args: ['run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: npm, args: ['run', '--silent', 'lint'] },
  {
    name: 'unit and integration',
    cmd: npx,
    args: [
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      '--outputFile.json=test-results/vitest.json',
    ],
    report: 'test-results/vitest.json',
  },
  { name: 'build', cmd: npm, args: ['run', '--silent', 'build'] },
  {
    name: 'e2e (Chromium)',
    cmd: npx,
    args: ['playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: 'test-results/playwright.json' },
    report: 'test-results/playwright.json',
  },
  // Small sizes, so the benchmarks cannot rot; it fails on errors or lost tasks, never on timing.
  { name: 'benchmarks (smoke)', cmd: npm, args: ['run', '--silent', 'bench:smoke'] },
];

function counts(step) {
  if (!step.report || !existsSync(step.report)) return { passed: 0, failed: 0 };
  const data = JSON.parse(readFileSync(step.report, 'utf8'));
  if (step.name.startsWith('e2e')) {
    const s = data.stats ?? {};
    return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) };
  }
  return { passed: data.numPassedTests ?? 0, failed: data.numFailedTests ?? 0 };
}

let passed = 0;
let failed = 0;
let broken = null;
for (const step of steps) {
  console.log(`\n=== ${step.name} ===`);
  const result = spawnSync(step.cmd, step.args, {
    stdio: 'inherit',
    env: { ...process.env, ...step.env },
  });
  const c = counts(step);
  passed += c.passed;
  failed += c.failed;
  if (result.status !== 0) {
    broken = step.name;
    break;
  }
}

if (broken) console.error(`\nnpm test: ${broken} failed.`);
else if (passed === 0) console.error('\nnpm test: no test ran.');
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(broken || passed === 0 || failed > 0 ? 1 : 0);
