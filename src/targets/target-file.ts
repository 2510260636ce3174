import { basename, extname } from 'node:path';
import { readConfigFile } from '../config/yaml-file.ts';
import type { Environment } from '../context.ts';
import type { TargetEndpoints } from './endpoints.ts';
import { targetSchema } from './target-schema.ts';

/**
 * TargetDefinition is a loaded target file with its environment references resolved. apiKey and
 * the passwords inside the URLs are secrets: pass URLs through redactUrl before writing or
 * printing them, and never write apiKey anywhere.
 */
export interface TargetDefinition extends TargetEndpoints {
  /** The file's base name: "prod-eu" for targets/prod-eu.yaml. */
  name: string;
  file: string;
  description?: string;
  apiKey?: string;
  /** The environment variable the API key came from, safe to show. */
  apiKeyEnv?: string;
  /** The regex of the target's node_exporter instances in Prometheus (default: the nodes' hosts). */
  prometheusInstances?: string;
}

/** loadTargetFile reads and validates a target file (targets/<name>.yaml), resolving ${ENV} references from env. */
export function loadTargetFile(file: string, env: Environment = process.env): TargetDefinition {
  const { apiKeyEnv, ...content } = readConfigFile(file, targetSchema(env));
  return {
    name: basename(file, extname(file)),
    file,
    ...content,
    ...(apiKeyEnv === undefined ? {} : { apiKey: apiKeyEnv.value, apiKeyEnv: apiKeyEnv.name }),
  };
}
