// What the detection core says a page should show at each sensitivity, from the page's static HTML read by the
// same extraction code as the content script. The popup test uses it to know what a sensitivity change must do to
// an open tab, instead of guessing.
import { readFileSync } from 'node:fs';
import { visibleTextOfHtml } from '../../../src/cli/html.js';
import { detect, showsBanner } from '../../../src/core/detect.js';
import { shippedPack } from '../../../src/core/pack.js';
import { SENSITIVITIES, type Sensitivity } from '../../../src/core/severity.js';

/** The banner's data-severity the page should carry at each sensitivity, or null for no banner. */
export type Expected = Record<Sensitivity, string | null>;

export async function expectedBanner(file: string, hostname = '127.0.0.1'): Promise<Expected> {
  const pack = await shippedPack();
  const text = visibleTextOfHtml(readFileSync(file, 'utf8'));
  const entries = SENSITIVITIES.map((sensitivity) => {
    const detection = detect(text, { sensitivity, hostname }, pack);
    return [sensitivity, showsBanner(detection) ? detection.severity : null] as const;
  });
  return Object.fromEntries(entries) as Expected;
}
