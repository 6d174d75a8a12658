// The banner's styles, adopted into its shadow root as a constructable stylesheet: page CSS cannot reach in, and
// a page CSP cannot block it (no <style> element, no inline style attribute). Colours meet WCAG AA in both schemes.
import { paletteCss } from './palette.js';
import { REPORT_PANEL_CSS } from './report-panel.js';

export const BANNER_CSS = `
:host {
  all: initial;
  position: fixed;
  left: 0;
  right: 0;
  z-index: 2147483647;
  display: block;
  pointer-events: none;
}
:host([data-position='top']) { top: 0; }
:host([data-position='bottom']) { bottom: 0; }
.banner {
  pointer-events: auto;
  box-sizing: border-box;
  max-width: 720px;
  margin: 8px auto;
  padding: 12px 16px 10px;
  background: var(--bg);
  color: var(--fg);
  border: 1px solid #d9d3c3;
  border-left: 6px solid var(--accent);
  border-radius: 10px;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.18);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  max-height: 60vh;
  overflow: auto;
  animation: enter 160ms ease-out;
}
:host([data-severity='warning']) .banner { --accent: #b3261e; }
@media (prefers-color-scheme: dark) {
  :host([data-severity='warning']) .banner { --accent: #ff8a80; }
}
@media (prefers-reduced-motion: reduce) { .banner { animation: none; } }
@keyframes enter { from { opacity: 0; transform: translateY(-6px); } to { opacity: 1; transform: none; } }
h2 { margin: 0 0 4px; font-size: 15px; font-weight: 650; color: var(--fg); }
h2::before { content: ''; display: inline-block; width: 10px; height: 10px; margin-right: 8px; border-radius: 50%; background: var(--accent); }
h3 { margin: 6px 0 1px; font-size: 12px; font-weight: 650; letter-spacing: 0.02em; color: var(--muted); }
p { margin: 0; }
.notice {
  margin: 4px 0 2px;
  padding: 4px 8px;
  border-radius: 6px;
  background: var(--button-bg);
  color: var(--fg);
  font-weight: 600;
}
.line { margin-top: 5px; }
.line strong { font-weight: 650; }
ul { margin: 2px 0 0; padding: 0 0 0 18px; }
li { margin: 2px 0; }
.quote { font-weight: 650; }
.facet { color: var(--muted); font-size: 12px; margin-right: 6px; }
.context {
  color: var(--muted);
  font-size: 12.5px;
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
}
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 10px; }
button {
  font: inherit;
  color: var(--fg);
  background: var(--button-bg);
  border: 1px solid var(--button-border);
  border-radius: 6px;
  padding: 5px 12px;
  cursor: pointer;
}
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
@media (prefers-color-scheme: dark) { button.primary { color: #1d1b16; } }
button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.local { margin-left: auto; font-size: 12px; color: var(--muted); }
button[data-action='wrong'] { background: transparent; border-color: transparent; text-decoration: underline; text-underline-offset: 2px; padding-inline: 6px; }
${REPORT_PANEL_CSS}
${paletteCss('.banner')}
`;

/** Evidence highlight in the page, through the CSS Custom Highlight API (no change to the page's DOM). */
export const HIGHLIGHT_NAME = 'lurewatch-evidence';
export const HIGHLIGHT_CSS = `::highlight(${HIGHLIGHT_NAME}) { background-color: #ffd54f; color: #1d1b16; }`;
