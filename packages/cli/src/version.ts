import packageJson from '../package.json';

/** The package version (inlined from package.json at build time). */
export function cliVersion(): string {
  return String(packageJson.version);
}
