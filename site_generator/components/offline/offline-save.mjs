// "Save this topic for offline" (_offline.html, on each topic page). Shown only where a
// service worker can keep pages. It first says how much the download costs (what is not on the
// device yet, compressed as sent), downloads only when the reader confirms, reports progress in
// the section's status, and remembers the topic as saved (the worker keeps that record).
import { ask, fill } from "./offline-requests.mjs";

const PROGRESS_STEPS = 4; // announced at each quarter, so screen readers are not flooded

function formatSize(bytes, lang) {
  const megabytes = bytes >= 1e6;
  return new Intl.NumberFormat(lang, {
    style: "unit", unit: megabytes ? "megabyte" : "kilobyte", unitDisplay: "short",
    maximumFractionDigits: megabytes ? 1 : 0,
  }).format(megabytes ? bytes / 1e6 : Math.ceil(bytes / 1e3));
}

export async function start(section) {
  if (!("serviceWorker" in navigator)) return;
  const part = (name) => section.querySelector(`[data-offline=${name}]`);
  const [save, confirm, question, download, cancel, progress, status, remove] =
    ["save", "confirm", "question", "download", "cancel", "progress", "status", "remove"].map(part);
  const text = section.dataset;
  const request = { locale: text.locale, topic: text.topic };
  const lang = document.documentElement.lang;
  const percent = new Intl.NumberFormat(lang, { style: "percent" });

  function show(...visible) {
    for (const element of [save, confirm, progress, remove]) element.hidden = !visible.includes(element);
  }

  function saved() {
    show(remove);
    status.textContent = text.textSaved;
  }

  // Set while the section is still hidden, so a saved topic is shown but not announced on arrival.
  const state = await ask({ type: "topic-saved", ...request });
  if (state.saved) saved();
  else show(save);
  section.hidden = false;

  save.addEventListener("click", async () => {
    save.disabled = true;
    try {
      const { missing } = await ask({ type: "topic-status", ...request });
      question.textContent = fill(text.textQuestion, { size: formatSize(missing, lang) });
      show(confirm);
      download.focus();
    } catch {
      status.textContent = text.textFailed;
    } finally {
      save.disabled = false;
    }
  });

  const dismiss = () => {
    show(save);
    save.focus();
  };
  cancel.addEventListener("click", dismiss);
  confirm.addEventListener("keydown", (event) => {
    if (event.key === "Escape") dismiss();
  });

  download.addEventListener("click", async () => {
    show(progress);
    progress.value = 0;
    status.focus();
    let announced = -1;
    const report = ({ progress: done }) => {
      progress.value = done;
      const step = Math.floor(done * PROGRESS_STEPS);
      if (step > announced && done < 1) {
        announced = step;
        status.textContent = fill(text.textProgress, { percent: percent.format(step / PROGRESS_STEPS) });
      }
    };
    report({ progress: 0 });
    // A reader who saves for offline wants it kept; where the browser asks, it asks now.
    if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});
    try {
      await ask({ type: "save-topic", ...request }, report);
      saved();
    } catch {
      show(save);
      status.textContent = text.textFailed;
    }
  });

  remove.addEventListener("click", async () => {
    try {
      await ask({ type: "remove-topic", ...request });
      show(save);
      status.textContent = text.textRemoved;
      save.focus();
    } catch {
      status.textContent = text.textFailed;
    }
  });
}
