#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself: tsx's loader compiles src/ on the fly, so a fresh
// clone runs without a build step.
import { register } from 'tsx/esm/api';

register();
const { runFromProcess } = await import('../src/cli/process.ts');
await runFromProcess(process.argv.slice(2));
