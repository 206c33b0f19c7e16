// Runs Electronegativity over the Electron host and fails on any HIGH finding, or on a
// MEDIUM finding without a written reason in electronegativity-allow.json. (Electronegativity
// itself always exits 0, so its report is what is read.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = process.cwd();
// The folder to check (the Electron host by default; tests point it at a bad fixture).
const input = process.argv[2] ?? 'src-main/electron';
const out = mkdtempSync(join(tmpdir(), 'electronegativity-'));
const report = join(out, 'report.csv');
const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
const run = spawnSync(
  process.execPath,
  [
    '--require',
    './scripts/electronegativity-offline.cjs',
    'node_modules/@doyensec/electronegativity/dist/index.js',
    '-i',
    input,
    '-o',
    report,
    '-e',
    electron,
  ],
  {
    encoding: 'utf8',
  },
);
let rows;
try {
  rows = readFileSync(report, 'utf8').trim().split('\n').slice(1);
} catch {
  console.error(`Electronegativity produced no report:\n${run.stdout}\n${run.stderr}`);
  process.exit(1);
} finally {
  rmSync(out, { recursive: true, force: true });
}

// CSV: issue, severity, confidence, filename, location, sample, description, url
const findings = rows.map((line) => {
  const [issue, severity, confidence, file, location] = line
    .split(',')
    .map((c) => c.replace(/^"|"$/g, ''));
  return { issue, severity, confidence, file: relative(root, file), location };
});
const allowed = JSON.parse(readFileSync('electronegativity-allow.json', 'utf8')).allowed;
const problems = findings.filter(
  (f) =>
    f.severity === 'HIGH' ||
    (f.severity === 'MEDIUM' && !allowed.some((a) => a.issue === f.issue && a.file === f.file)),
);
for (const f of findings)
  console.log(
    `${f.severity.padEnd(6)} ${f.issue} ${f.file}:${f.location}${problems.includes(f) ? '  <- not allowed' : ''}`,
  );
if (problems.length > 0) {
  console.error(
    `\n${problems.length} Electronegativity finding(s) need fixing (HIGH) or a written reason (MEDIUM, electronegativity-allow.json).`,
  );
  process.exit(1);
}
console.log(`\nElectronegativity: ${findings.length} finding(s), no HIGH, every MEDIUM explained.`);
