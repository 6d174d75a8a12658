// Which pages each end-to-end scenario uses, chosen the same way for both browsers.
import { demoPages, isChatPage, type DemoPage } from '../../../scripts/lib/demo-pages.js';
import { TEST_PAGES_DIR } from './test-server.js';
import { expectedBanner, type Expected } from './predict.js';

export interface Plan {
  /** Pages that show their verdict at load. */
  staticPages: DemoPage[];
  /** Pages whose messages arrive by script. */
  chatPages: DemoPage[];
  /**
   * The popup test's page (a test page of middling strength, so the sensitivity visibly changes its banner) and
   * what the detection core says it shows at each sensitivity.
   */
  popup: { path: string; expected: Expected };
  /** A lure page to dismiss (its dismissal persists, so no later scenario uses it for a banner). */
  dismiss: DemoPage;
  /** Two more lure pages: "not on this site" on the first, the second checks the whole site went quiet. */
  site: [DemoPage, DemoPage];
}

export const SENSITIVITY_PAGE = '/test/sensitivity-lure.html';

export async function makePlan(): Promise<Plan> {
  const pages = demoPages();
  const staticPages = pages.filter((page) => !isChatPage(page));
  const chatPages = pages.filter(isChatPage);
  const lures = staticPages.filter((page) => page.expect === 'banner');
  if (lures.length < 3) throw new Error(`demo/pages/index.json lists ${lures.length} static lure pages; the e2e tests need 3`);
  return {
    staticPages,
    chatPages,
    popup: { path: SENSITIVITY_PAGE, expected: await expectedBanner(`${TEST_PAGES_DIR}sensitivity-lure.html`) },
    dismiss: lures[0]!,
    site: [lures[1]!, lures[2]!],
  };
}
