// The service directory's pure modules: "open now" on the portal's clock, distances and the
// "near me" order. test_services_scripts.py runs this file under device time zones far from
// the portal's, so an answer that leaned on the device's clock would fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { isOpenAt, isOpenNow, portalClock } from "../../site_generator/components/services/opening.mjs";
import { byDistance, distanceKm, hasPosition } from "../../site_generator/components/services/distance.mjs";

const ZONE = "Europe/Vienna";
const NO_HOURS = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

function service(hours, extra = {}) {
  return { hours: { ...NO_HOURS, ...hours }, appointment_only: [], temporarily_closed: null, ...extra };
}

// A wall-clock time in Vienna, as the instant it is (winter: UTC+1, summer: UTC+2).
function vienna(local) {
  const guess = new Date(`${local}:00Z`);
  const offset = local.slice(5, 7) >= "04" && local.slice(5, 7) <= "09" ? 2 : 1;
  return new Date(guess.getTime() - offset * 3600e3);
}

test("the portal's clock, not the device's: 23:30 UTC on a Sunday is already Monday in Vienna", () => {
  const moment = new Date("2026-11-22T23:30:00Z"); // Sunday in UTC (and in Los Angeles)
  assert.deepEqual(portalClock(moment, ZONE), { day: 0, date: "2026-11-23", minute: 30 });
  const mondayMorning = service({ mon: [["00:00", "09:00"]] });
  const sundayEvening = service({ sun: [["18:00", "23:00"]] });
  assert.equal(isOpenNow(mondayMorning, ZONE, moment), true);
  assert.equal(isOpenNow(sundayEvening, ZONE, moment), false);
  // The same instant in a zone where it is still Sunday afternoon.
  assert.deepEqual(portalClock(moment, "America/Los_Angeles"), { day: 6, date: "2026-11-22", minute: 15 * 60 + 30 });
  assert.equal(isOpenNow(sundayEvening, "America/Los_Angeles", moment), false);
  assert.equal(isOpenNow(service({ sun: [["15:00", "16:00"]] }), "America/Los_Angeles", moment), true);
});

test("summer time: 22:30 UTC on 1 July is 00:30 on Thursday 2 July in Vienna", () => {
  assert.deepEqual(portalClock(new Date("2026-07-01T22:30:00Z"), ZONE), { day: 3, date: "2026-07-02", minute: 30 });
  assert.deepEqual(portalClock(vienna("2026-07-02T10:15"), ZONE), { day: 3, date: "2026-07-02", minute: 615 });
});

test("open within a range: from the opening minute until before the closing one", () => {
  const office = service({ mon: [["09:00", "12:30"], ["13:30", "17:00"]] });
  const at = (time) => isOpenNow(office, ZONE, vienna(`2026-11-23T${time}`)); // a Monday
  assert.equal(at("08:59"), false);
  assert.equal(at("09:00"), true);
  assert.equal(at("12:29"), true);
  assert.equal(at("12:30"), false);
  assert.equal(at("13:00"), false);
  assert.equal(at("16:59"), true);
  assert.equal(at("17:00"), false);
  assert.equal(isOpenNow(office, ZONE, vienna("2026-11-24T10:00")), false, "no hours on Tuesday");
});

test("a range across midnight counts on both days", () => {
  const night = service({ fri: [["22:00", "02:00"]], sun: [["21:00", "03:00"]] });
  const at = (local) => isOpenNow(night, ZONE, vienna(local));
  assert.equal(at("2026-11-27T21:59"), false); // Friday
  assert.equal(at("2026-11-27T22:00"), true);
  assert.equal(at("2026-11-27T23:59"), true);
  assert.equal(at("2026-11-28T00:00"), true); // Saturday, still Friday's night
  assert.equal(at("2026-11-28T01:59"), true);
  assert.equal(at("2026-11-28T02:00"), false);
  assert.equal(at("2026-11-28T23:00"), false, "Saturday has no hours of its own");
  assert.equal(at("2026-11-30T02:30"), true, "Sunday's night runs into Monday (the week wraps)");
  assert.equal(at("2026-11-30T03:00"), false);
});

test("a range closing at 24:00 (written 00:00) ends with the day", () => {
  const evening = service({ sat: [["18:00", "00:00"]] });
  assert.equal(isOpenNow(evening, ZONE, vienna("2026-11-28T23:59")), true);
  assert.equal(isOpenNow(evening, ZONE, vienna("2026-11-29T00:00")), false);
  assert.equal(isOpenNow(evening, ZONE, vienna("2026-11-29T00:30")), false);
});

test("a day by appointment only is not open for walk-in, nor its night after midnight", () => {
  const office = service({ tue: [["09:00", "12:00"]], wed: [["09:00", "12:00"], ["20:00", "01:00"]] },
                         { appointment_only: ["tue", "wed"] });
  assert.equal(isOpenNow(office, ZONE, vienna("2026-11-24T10:00")), false); // Tuesday
  assert.equal(isOpenNow(office, ZONE, vienna("2026-11-25T10:00")), false); // Wednesday
  assert.equal(isOpenNow(office, ZONE, vienna("2026-11-26T00:30")), false); // Wednesday's night
  const walkIn = { ...office, appointment_only: ["tue"] };
  assert.equal(isOpenNow(walkIn, ZONE, vienna("2026-11-24T10:00")), false);
  assert.equal(isOpenNow(walkIn, ZONE, vienna("2026-11-25T10:00")), true);
  assert.equal(isOpenNow(walkIn, ZONE, vienna("2026-11-26T00:30")), true);
});

test("temporarily closed: closed from the first to the last day, both included, by the portal's date", () => {
  const every = [["08:00", "18:00"]];
  const school = service({ mon: every, tue: every, wed: every, thu: every, fri: every },
                         { temporarily_closed: { from: "2026-12-23", until: "2027-01-06" } });
  const at = (local) => isOpenNow(school, ZONE, vienna(local));
  assert.equal(at("2026-12-22T10:00"), true);
  assert.equal(at("2026-12-23T10:00"), false);
  assert.equal(at("2027-01-06T17:00"), false);
  assert.equal(at("2027-01-07T08:00"), true);
  // 23:30 UTC on 6 January is 00:30 on 7 January in Vienna: no longer closed.
  const allNight = service({ wed: [["00:00", "00:00"]], thu: [["00:00", "02:00"]] },
                           { temporarily_closed: { from: "2026-12-23", until: "2027-01-06" } });
  assert.equal(isOpenNow(allNight, ZONE, new Date("2027-01-06T22:30:00Z")), false, "23:30 on 6 January, closed");
  assert.equal(isOpenNow(allNight, ZONE, new Date("2027-01-06T23:30:00Z")), true, "00:30 on 7 January, open again");
  // A night that starts on the last closed day stays closed after midnight.
  const night = service({ wed: [["22:00", "02:00"]] }, { temporarily_closed: { from: "2027-01-01", until: "2027-01-06" } });
  assert.equal(isOpenAt(night, { day: 3, date: "2027-01-07", minute: 60 }), false);
  assert.equal(isOpenAt({ ...night, temporarily_closed: null }, { day: 3, date: "2027-01-07", minute: 60 }), true);
});

test("distances between known cities are within 1% of the geodesic ones", () => {
  const place = (latitude, longitude) => ({ latitude, longitude });
  const pairs = [
    [place(51.5074, -0.1278), place(48.8566, 2.3522), 343.9], // London, Paris
    [place(48.2082, 16.3738), place(47.0707, 15.4395), 144.6], // Vienna, Graz
    [place(40.7128, -74.006), place(34.0522, -118.2437), 3944.4], // New York, Los Angeles
    [place(-33.8688, 151.2093), place(-37.8136, 144.9631), 713.9], // Sydney, Melbourne
    [place(30.0444, 31.2357), place(41.0082, 28.9784), 1233.4], // Cairo, Istanbul
    [place(34.5553, 69.2075), place(35.6892, 51.389), 1626.8], // Kabul, Tehran
  ];
  for (const [from, to, expected] of pairs) {
    const km = distanceKm(from, to);
    assert.ok(Math.abs(km - expected) / expected < 0.01, `${km} km, expected ${expected}`);
    assert.ok(Math.abs(distanceKm(to, from) - km) < 1e-9, "the same both ways");
  }
  assert.equal(distanceKm(place(47.07, 15.44), place(47.07, 15.44)), 0);
});

test("near me: nearest first, places without a position last, in their own order", () => {
  const origin = { latitude: 47.0707, longitude: 15.4395 };
  const places = [
    { id: "far", latitude: 48.2082, longitude: 16.3738 },
    { id: "unknown-1", latitude: null, longitude: null },
    { id: "near", latitude: 47.072, longitude: 15.44 },
    { id: "unknown-2" },
    { id: "middle", latitude: 47.1, longitude: 15.5 },
    { id: "also-near", latitude: 47.072, longitude: 15.44 },
  ];
  const ranked = byDistance(places, origin);
  assert.deepEqual(ranked.map(({ place }) => place.id), ["near", "also-near", "middle", "far", "unknown-1", "unknown-2"]);
  assert.deepEqual(ranked.slice(-2).map(({ km }) => km), [null, null]);
  assert.ok(ranked[0].km < 0.2 && ranked[3].km > 140);
  assert.equal(hasPosition({ latitude: 0, longitude: 0 }), true, "0 is a coordinate");
  assert.equal(hasPosition({ latitude: null, longitude: 15 }), false);
});

test("the built directory.json works with these modules", { skip: !process.env.SEARCH_OUTPUT }, () => {
  const directory = JSON.parse(readFileSync(join(process.env.SEARCH_OUTPUT, "en/services/directory.json"), "utf-8"));
  assert.equal(directory.timeZone, ZONE);
  const byId = Object.fromEntries(directory.services.map((entry) => [entry.id, entry]));
  const shelter = byId["emergency-shelter-harborough"];
  assert.equal(isOpenNow(shelter, ZONE, vienna("2026-11-25T02:00")), true, "the night shelter at night");
  assert.equal(isOpenNow(shelter, ZONE, vienna("2026-11-25T12:00")), false, "and not at noon");
  const courses = byId["language-course-placement"];
  assert.ok(courses.temporarily_closed, "the sample has a temporarily closed service");
  const closedDay = vienna(`${courses.temporarily_closed.from}T10:00`);
  assert.equal(isOpenNow(courses, ZONE, closedDay), false);
  const origin = directory.districts[0];
  const ranked = byDistance(directory.services, origin);
  assert.equal(ranked.length, directory.services.length);
  assert.ok(ranked.every(({ km }, index) => index === 0 || km === null || km >= ranked[index - 1].km));
});
