// The events index is built on one day and read on others: events that have ended since the
// build move from "upcoming" to "past", judged by today's date in the portal's time zone.
export function start(upcoming) {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: upcoming.dataset.timeZone, year: "numeric",
                                                   month: "2-digit", day: "2-digit" }).format(new Date());
  if (today <= upcoming.dataset.built) return;
  const past = document.querySelector("[data-events=past]");
  const ended = [...upcoming.children].filter((item) => {
    const last = item.dataset.ends || item.dataset.until;
    return last && last < today;
  });
  if (!past || !ended.length) return;
  // Past events run latest first; these ended after every event already listed as past.
  past.prepend(...ended.reverse());
  past.hidden = false;
  document.getElementById("past").hidden = false;
  if (!upcoming.children.length) upcoming.hidden = true;
}
