// Severities and sensitivities: the words the whole extension shares about how strong a finding is. Kept apart
// from the scorer so that the content script, the popup and the settings can use them without the model.

export const SEVERITIES = ['none', 'info', 'caution', 'warning'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SENSITIVITIES = ['low', 'medium', 'high'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Whether a finding of this severity shows the banner: caution and warning do, info does not. */
export function showsBanner(finding: { severity: Severity }): boolean {
  return severityRank(finding.severity) >= severityRank('caution');
}
