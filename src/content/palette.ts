// The colours the banner and the post hint share, as CSS custom properties on their root box, light and dark. One
// definition, so the two never drift apart; each meets WCAG AA in both schemes.
export function paletteCss(box: string): string {
  return `
${box} {
  --bg: #fffdf7;
  --fg: #1d1b16;
  --muted: #4d4a42;
  --accent: #9a5b00;
  --button-bg: #f3efe4;
  --button-border: #8a8578;
  --focus: #0b57d0;
}
@media (prefers-color-scheme: dark) {
  ${box} {
    --bg: #23211c;
    --fg: #f4f1ea;
    --muted: #cfcabd;
    --accent: #f0a43a;
    --button-bg: #33302a;
    --button-border: #9c9686;
    --focus: #8ab4f8;
    border-color: #4a463c;
  }
}`;
}
