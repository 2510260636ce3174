import { cpus, hostname, release, totalmem } from 'node:os';
import type { RunManifest } from '../runfolder/manifest.ts';

/** hostFacts describes the machine the load came from: a report must say what generated it. */
export function hostFacts(): RunManifest['host'] {
  return { hostname: hostname(), platform: process.platform, arch: process.arch, cpus: cpus().length, memoryBytes: totalmem(), kernel: release() };
}
