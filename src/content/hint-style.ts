// The post hint's styles, adopted into its shadow root like the banner's (banner-style.ts): the same palette and
// type, smaller, so the two read as one product. The host is placed with `position: fixed` next to the field by
// hint.ts; nothing here depends on the page's CSS.
import { paletteCss } from './palette.js';
import { REPORT_PANEL_CSS } from './report-panel.js';

export const HINT_CSS = `
:host {
  all: initial;
  position: fixed;
  z-index: 2147483646;
  display: block;
  width: min(340px, calc(100vw - 16px));
  pointer-events: none;
}
:host([data-placed='no']) { visibility: hidden; }
.hint {
  /*
   * Only the buttons take the pointer: where the hint has to sit below a field it lies over the next one, and a
   * click there should still reach the page.
   */
  pointer-events: none;
  box-sizing: border-box;
  padding: 10px 12px 9px;
  background: var(--bg);
  color: var(--fg);
  border: 1px solid #d9d3c3;
  border-left: 4px solid var(--accent);
  border-radius: 9px;
  box-shadow: 0 4px 18px rgba(0, 0, 0, 0.16);
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  animation: enter 140ms ease-out;
}
@media (prefers-reduced-motion: reduce) { .hint { animation: none; } }
@keyframes enter { from { opacity: 0; transform: translateY(-4px); } to { opacity: 1; transform: none; } }
h2 { margin: 0 0 3px; font-size: 13.5px; font-weight: 650; color: var(--fg); }
h2::before { content: ''; display: inline-block; width: 8px; height: 8px; margin-right: 7px; border-radius: 50%; background: var(--accent); vertical-align: 1px; }
p { margin: 3px 0 0; }
.noticed { color: var(--muted); font-size: 12px; }
.notice { padding: 3px 7px; border-radius: 6px; background: var(--button-bg); font-weight: 600; font-size: 12px; }
.quote { color: var(--fg); font-weight: 650; }
.safer strong { font-weight: 650; }
.actions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 8px; }
button {
  pointer-events: auto;
  font: inherit;
  font-size: 12.5px;
  color: var(--fg);
  background: var(--button-bg);
  border: 1px solid var(--button-border);
  border-radius: 6px;
  padding: 3px 10px;
  cursor: pointer;
}
button.primary { background: var(--accent); border-color: var(--accent); color: #fff; }
@media (prefers-color-scheme: dark) { button.primary { color: #1d1b16; } }
button:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.local { flex-basis: 100%; margin-top: 2px; font-size: 11.5px; color: var(--muted); }
button[data-action='wrong'] { background: transparent; border-color: transparent; text-decoration: underline; text-underline-offset: 2px; padding-inline: 4px; }
/* The report panel is read and used whole: unlike the hint over a form, it takes the pointer. */
.hint[data-view='report'] { pointer-events: auto; }
${REPORT_PANEL_CSS}
${paletteCss('.hint')}
`;
