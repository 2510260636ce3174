import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { COMMAND_LINE, ConfigError } from './errors.ts';
import { mixSchema, type MixDefinition } from './mix-schema.ts';
import { DEFAULT_PROFILES_DIR, displayPath } from './paths.ts';
import { profileSchema, type ProfileDefinition } from './profile-schema.ts';
import { thresholdsSchema, type ThresholdsDefinition } from './thresholds-schema.ts';
import { readConfigFile } from './yaml-file.ts';

export interface LoadedProfile {
  name: string;
  file: string;
  definition: ProfileDefinition;
}

/** listProfileNames lists the profiles shipped in profiles/ (or another folder), sorted. */
export function listProfileNames(dir = DEFAULT_PROFILES_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => extname(file) === '.yaml' || extname(file) === '.yml')
    .map((file) => basename(file, extname(file)))
    .sort();
}

/** loadProfile accepts a profile name ("spike") or the path of a profile file. */
export function loadProfile(nameOrPath: string, dir = DEFAULT_PROFILES_DIR): LoadedProfile {
  const looksLikePath = nameOrPath.includes('/') || /\.ya?ml$/.test(nameOrPath);
  if (looksLikePath) {
    return { name: basename(nameOrPath, extname(nameOrPath)), file: nameOrPath, definition: readConfigFile(nameOrPath, profileSchema) };
  }
  const known = listProfileNames(dir);
  if (!known.includes(nameOrPath)) {
    throw ConfigError.single(COMMAND_LINE, '--profile', `unknown profile "${nameOrPath}"; known profiles: ${known.join(', ')}`);
  }
  const file = [join(dir, `${nameOrPath}.yaml`), join(dir, `${nameOrPath}.yml`)].find((f) => existsSync(f))!;
  return { name: nameOrPath, file, definition: readConfigFile(file, profileSchema) };
}

export function loadMix(file: string): MixDefinition {
  return readConfigFile(file, mixSchema);
}

/**
 * loadThresholds reads thresholds.yaml and checks that every profile and collection it overrides
 * exists: an override for a misspelt collection would otherwise never apply, silently.
 */
export function loadThresholds(file: string, knownProfiles: readonly string[], collections: readonly string[]): ThresholdsDefinition {
  const thresholds = readConfigFile(file, thresholdsSchema);
  const problems = [
    ...Object.keys(thresholds.profiles)
      .filter((name) => !knownProfiles.includes(name))
      .map((name) => ({ file: displayPath(file), path: `profiles.${name}`, message: `unknown profile "${name}"; known profiles: ${knownProfiles.join(', ')}` })),
    ...Object.keys(thresholds.collections)
      .filter((name) => !collections.includes(name))
      .map((name) => ({ file: displayPath(file), path: `collections.${name}`, message: `unknown collection "${name}"; known collections: ${collections.join(', ')}` })),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  return thresholds;
}
