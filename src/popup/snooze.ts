// Snooze times, computed from an injected `now` so tests need no fake clock. Local time throughout: "until
// tomorrow" means 06:00 on the person's next calendar day, whatever the time zone or a daylight-saving change.

const HOUR = 3_600_000;
const WAKE_HOUR = 6;

export function snoozeForHour(now: number): number {
  return now + HOUR;
}

/** 06:00 local time on the calendar day after `now`. */
export function snoozeUntilTomorrow(now: number): number {
  const wake = new Date(now);
  wake.setDate(wake.getDate() + 1);
  wake.setHours(WAKE_HOUR, 0, 0, 0);
  return wake.getTime();
}

/** "18:40" when `until` is today, "Tue 06:00" otherwise, in the popup's language and the person's clock style. */
export function formatSnoozeEnd(until: number, now: number, locale: string): string {
  const sameDay = new Date(until).toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : { weekday: 'short', hour: 'numeric', minute: '2-digit' };
  try {
    return new Intl.DateTimeFormat(locale, options).format(until);
  } catch {
    // An odd UI language tag: fall back to the runtime's default locale rather than fail the popup.
    return new Intl.DateTimeFormat(undefined, options).format(until);
  }
}
