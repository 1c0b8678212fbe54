// Distances for "near me", computed on the device: the reader's position never leaves it.
// Great-circle distance (haversine) on a sphere of the Earth's mean radius: within 0.5% of
// the true distance, plenty for "which office is closest".
const EARTH_KM = 6371.0088;
const radians = (degrees) => (degrees * Math.PI) / 180;

export const hasPosition = (place) =>
  Number.isFinite(place?.latitude) && Number.isFinite(place?.longitude);

export function distanceKm(from, to) {
  const half = Math.sin(radians(to.latitude - from.latitude) / 2) ** 2
    + Math.cos(radians(from.latitude)) * Math.cos(radians(to.latitude))
    * Math.sin(radians(to.longitude - from.longitude) / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(half)));
}

// [{place, km}], nearest first; places without a position follow, km null, in their own order.
export function byDistance(places, origin) {
  return places
    .map((place, index) => ({ place, index, km: hasPosition(place) ? distanceKm(origin, place) : null }))
    .sort((a, b) => (a.km === null) - (b.km === null) || (a.km ?? 0) - (b.km ?? 0) || a.index - b.index)
    .map(({ place, km }) => ({ place, km }));
}
