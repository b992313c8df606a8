import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  ReadinessConfig,
  readinessConfigFromAppConfig,
  resolveReadinessConfig,
} from '@scale-readiness/plugin-scale-readiness-common';
import { InputError } from './errors';

function message(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0];
}

/**
 * Reads the `scaleReadiness:` block of an app-config YAML file (the same
 * block the backend plugin reads: growth factor, weights, thresholds, level
 * rules, disabled checks) and applies `growthFactor` when given. Without a
 * file, the defaults. Throws an InputError for an unreadable file or an
 * invalid block.
 * @public
 */
export function loadReadinessConfig(options: {
  configFile?: string;
  cwd: string;
  growthFactor?: number;
}): ReadinessConfig {
  let block: unknown;
  if (options.configFile) {
    const file = path.resolve(options.cwd, options.configFile);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(
        `--config: cannot read ${options.configFile}: ${message(e)}`,
      );
    }
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (e) {
      throw new InputError(
        `--config: ${options.configFile} is not valid YAML: ${message(e)}`,
      );
    }
    block =
      doc && typeof doc === 'object'
        ? (doc as Record<string, unknown>).scaleReadiness
        : undefined;
  }
  try {
    const config = readinessConfigFromAppConfig(block);
    return options.growthFactor === undefined
      ? config
      : resolveReadinessConfig({
          ...config,
          growthFactor: options.growthFactor,
        });
  } catch (e) {
    throw new InputError(
      `${
        options.configFile ? `--config ${options.configFile}` : '--growth'
      }: ${message(e)}`,
    );
  }
}
