// npm run bench [-- --smoke] [-- --only=1,4]: runs the scenarios of issue 7, prints the table,
// writes bench-results/report.json. Exit code (exitCodeOf): 1 on a scenario error, 2 on a missed
// target in a full-size run; a smoke run exits 0 on a miss (its sizes are too small to judge).
import { cpus } from 'node:os';
import { detectionScenario, requestsScenario } from './scenario-detection';
import { runnerScenario } from './scenario-runner';
import { storeScenario } from './scenario-store';
import { uiScenario } from './scenario-ui';
import { startupScenario } from './scenario-startup';
import { soakScenario } from './scenario-soak';
import { oversizedScenario } from './scenario-oversized';
import { moneyScenario } from './scenario-money';
import { watchesScenario } from './scenario-watches';
import { compareScenario } from './scenario-compare';
import { exitCodeOf, formatTable, writeReport, type Figure, type Report } from './report';

const smoke = process.argv.includes('--smoke');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

type Scenario = {
  id: string;
  name: string;
  run: (smoke: boolean, details: Record<string, unknown>) => Promise<Figure[]>;
};
const SCENARIOS: Scenario[] = [
  { id: '1', name: 'completion detection', run: detectionScenario },
  { id: '2', name: 'requests per task', run: requestsScenario },
  { id: '3', name: 'runner overhead', run: runnerScenario },
  { id: '4', name: 'store at scale', run: storeScenario },
  { id: '5', name: 'UI in Chromium', run: uiScenario },
  { id: '6', name: 'startup', run: startupScenario },
  { id: '7', name: 'soak (a working day)', run: soakScenario },
  { id: '8', name: 'oversized input', run: oversizedScenario },
  { id: '9', name: 'cost anomaly flag', run: moneyScenario },
  { id: '10', name: 'watches (a month of an hourly watch)', run: watchesScenario },
  { id: '11', name: 'comparison of two runs in Chromium', run: compareScenario },
];

const started = Date.now();
const report: Report = {
  mode: smoke ? 'smoke' : 'full',
  startedAt: new Date(started).toISOString(),
  durationMs: 0,
  machine: { cpus: cpus().length, node: process.version, platform: process.platform },
  figures: [],
  errors: [],
  details: {},
};

for (const scenario of SCENARIOS) {
  if (only && !only.includes(scenario.id)) continue;
  const t0 = Date.now();
  process.stderr.write(`bench: ${scenario.id} ${scenario.name}…\n`);
  try {
    report.figures.push(...(await scenario.run(smoke, report.details)));
  } catch (error) {
    report.errors.push({
      scenario: `${scenario.id} ${scenario.name}`,
      message: (error as Error)?.stack ?? String(error),
    });
    process.stderr.write(`bench: ${scenario.id} failed: ${(error as Error)?.message}\n`);
  }
  process.stderr.write(`bench: ${scenario.id} took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

report.durationMs = Date.now() - started;
const path = smoke ? 'bench-results/report-smoke.json' : 'bench-results/report.json';
writeReport(path, report);
process.stdout.write(`\n${formatTable(report.figures, report.errors)}\n\n`);
for (const e of report.errors) process.stdout.write(`ERROR in ${e.scenario}: ${e.message}\n`);
const missed = report.figures.filter((f) => f.met === false).length;
process.stdout.write(
  `${report.mode} run: ${report.figures.length} figures, ${missed} targets missed, ${report.errors.length} errors, ${(report.durationMs / 1000).toFixed(1)} s. Report: ${path}\n`,
);
process.exit(exitCodeOf(report));
