// The pages' side of the service worker's requests (sw.js): one request, the progress it
// reports, then its answer. Resolves once a worker is active, so callers wait for one.
export async function ask(message, onProgress = () => {}) {
  const { active } = await navigator.serviceWorker.ready;
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = ({ data }) => {
      if (data.failed) reject(new Error(data.failed));
      else if (data.done) resolve(data);
      else onProgress(data);
    };
    active.postMessage(message, [channel.port2]);
  });
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}
