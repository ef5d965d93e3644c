import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** The sizes the console supports: a laptop, the smallest desktop (seed 004) and a phone. */
export const screenSizes = [
  { name: 'laptop', width: 1366, height: 768 },
  { name: 'small-desktop', width: 1024, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
export type ScreenSize = (typeof screenSizes)[number];

/**
 * What every page and dialog must pass at every size: the document never scrolls sideways, axe finds
 * nothing (of any impact), and a full-page screenshot is saved under test-results for a person to look at.
 */
export async function checkLayout(page: Page, size: ScreenSize, name: string) {
  // Fonts change the width of text: measure once they are in.
  await page.evaluate(() => document.fonts.ready);
  const widths = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect.soft(widths.scrollWidth, `${name} at ${size.width}px scrolls sideways`).toBeLessThanOrEqual(widths.clientWidth);

  // Colours caught half-way through a transition (a button turning enabled) are not the page's colours.
  await page.evaluate(() =>
    Promise.all(document.getAnimations().filter((animation) => animation instanceof CSSTransition).map((animation) => animation.finished.catch(() => undefined))),
  );
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect
    .soft(
      violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
      })),
      `axe violations on ${name} at ${size.width}px`,
    )
    .toEqual([]);

  await page.screenshot({ path: test.info().outputPath(`${size.name}-${name}.png`), fullPage: true });
}
