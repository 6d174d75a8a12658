// Scripts both run as commands and export functions (tests and `npm start` import them); only the command runs main.
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export function isMainModule(importMetaUrl: string): boolean {
  const script = process.argv[1];
  return script !== undefined && existsSync(script) && importMetaUrl === pathToFileURL(realpathSync(script)).href;
}
