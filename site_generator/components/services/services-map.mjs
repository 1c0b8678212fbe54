// The map of the service directory, loaded only when the reader asks for it: Leaflet (a
// classic script, published beside this module) and its stylesheet, then the tiles from
// portal.yaml's map.tile_url. Markers are the services shown by the filters, each a keyboard-
// focusable button whose popup links to the service page. The map fits the services, never
// the reader's position.
function load(tag, attributes) {
  return new Promise((resolve, reject) => {
    const node = Object.assign(document.createElement(tag), attributes);
    node.onload = resolve;
    node.onerror = () => reject(new Error(`${attributes.src || attributes.href} did not load`));
    document.head.append(node);
  });
}

export async function openMap(box, tileUrl, lang) {
  await Promise.all([
    window.L || load("script", { src: new URL("./leaflet.js", import.meta.url).href }),
    load("link", { rel: "stylesheet", href: new URL("./leaflet.css", import.meta.url).href }),
  ]);
  const L = window.L;
  const map = L.map(box, { scrollWheelZoom: false });
  L.tileLayer(tileUrl, { maxZoom: 19 }).addTo(map);
  const markers = L.layerGroup().addTo(map);
  const icon = L.divIcon({ className: "services-marker", iconSize: [28, 28] });
  const pageDirection = document.documentElement.dir || "ltr";
  let placed = false;
  return {
    show(services) {
      markers.clearLayers();
      const points = [];
      for (const service of services) {
        if (!Number.isFinite(service.latitude) || !Number.isFinite(service.longitude)) continue;
        const point = [service.latitude, service.longitude];
        const link = Object.assign(document.createElement("a"), { href: service.url, lang, dir: pageDirection });
        link.textContent = service.title;
        L.marker(point, { icon, title: service.title, keyboard: true }).bindPopup(link).addTo(markers);
        points.push(point);
      }
      if (points.length) map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
      else if (!placed) map.fitWorld();
      placed = true;
    },
  };
}
