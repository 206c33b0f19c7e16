#!/usr/bin/env node
// Runs the CLI straight from its TypeScript source through tsx, so `npx webrun-desk` works
// right after `npm install`, with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src-main/cli/main.ts');
await runCli(process.argv.slice(2));
