// "Open now" for the service directory, on the portal's clock: the weekday and time where the
// services are (directory.json timeZone), never the device's zone, which may be another one or
// wrong. Open now means a reader can walk in now: within a range of today's hours, or of
// yesterday's when it runs past midnight; a day by appointment only does not count, nor a day
// in a temporarily closed period. Pure functions, tested under Node.
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const NUMBER = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const formats = new Map();

// The weekday (0 is Monday), the date (YYYY-MM-DD) and the minute of the day at `moment` in `timeZone`.
export function portalClock(moment, timeZone) {
  if (!formats.has(timeZone)) {
    formats.set(timeZone, new Intl.DateTimeFormat("en-US", {
      timeZone, weekday: "short", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23" }));
  }
  const part = {};
  for (const { type, value } of formats.get(timeZone).formatToParts(moment)) part[type] = value;
  return { day: NUMBER[part.weekday], date: `${part.year}-${part.month}-${part.day}`,
           minute: (Number(part.hour) % 24) * 60 + Number(part.minute) };
}

const minutes = (time) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const dayBefore = (date) => new Date(Date.parse(`${date}T12:00Z`) - 864e5).toISOString().slice(0, 10);

// The ranges of one day a reader can walk in to: none by appointment only or while closed.
function walkInRanges(service, day, date) {
  const closed = service.temporarily_closed;
  if (closed && closed.from <= date && date <= closed.until) return [];
  if ((service.appointment_only || []).includes(WEEKDAYS[day])) return [];
  return (service.hours || {})[WEEKDAYS[day]] || [];
}

export function isOpenAt(service, clock) {
  // A range closing at or before its opening runs past midnight ("22:00"-"02:00"; "00:00" ends the day).
  for (const [opens, closes] of walkInRanges(service, clock.day, clock.date)) {
    const start = minutes(opens), end = minutes(closes);
    if (clock.minute >= start && (end <= start || clock.minute < end)) return true;
  }
  for (const [opens, closes] of walkInRanges(service, (clock.day + 6) % 7, dayBefore(clock.date))) {
    if (minutes(closes) <= minutes(opens) && clock.minute < minutes(closes)) return true;
  }
  return false;
}

export function isOpenNow(service, timeZone, moment = new Date()) {
  return isOpenAt(service, portalClock(moment, timeZone));
}
