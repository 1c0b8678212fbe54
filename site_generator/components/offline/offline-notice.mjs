// A page that the service worker answered from the store because the network failed carries
// data-saved-copy, the time it was saved (sw.js); portal.mjs then loads this, which says so at
// the top of the page, in the page's language, as a status that screen readers announce.
import { fill } from "./offline-requests.mjs";

export async function start() {
  const root = document.documentElement;
  const locale = location.pathname.split("/")[1];
  if (!locale) return; // the language picker speaks every language; its texts are not stored
  const notice = document.createElement("p");
  notice.className = "offline-notice";
  notice.setAttribute("role", "status");
  const skipLink = document.querySelector(".skip-link");
  if (skipLink) skipLink.after(notice);
  else document.body.prepend(notice);
  // Stored with the locale's core; the region exists before its text arrives, so it is announced.
  const response = await fetch(`/${locale}/ui-texts.json`);
  const { offline } = await response.json();
  const saved = new Date(root.dataset.savedCopy);
  // A copy whose saving time cannot be read is still a saved copy: say so without empty brackets.
  if (Number.isNaN(saved.getTime())) {
    notice.textContent = offline.textNoticeUndated;
    return;
  }
  const date = new Intl.DateTimeFormat(root.lang, { dateStyle: "medium", timeStyle: "short" }).format(saved);
  notice.textContent = fill(offline.textNotice, { date });
}
