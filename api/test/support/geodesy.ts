// Points on earthdistance's sphere, for tests of distance filters.

/** earthdistance's earth() in metres. */
export const earthRadiusMeters = 6_378_168;

/** The point at a distance and bearing from a start on the sphere (great circle). */
export function destination(start: { latitude: number; longitude: number }, meters: number, bearingDegrees: number) {
  const toRadians = Math.PI / 180;
  const angle = meters / earthRadiusMeters;
  const latitude = start.latitude * toRadians;
  const bearing = bearingDegrees * toRadians;
  const endLatitude = Math.asin(Math.sin(latitude) * Math.cos(angle) + Math.cos(latitude) * Math.sin(angle) * Math.cos(bearing));
  const endLongitude =
    start.longitude * toRadians +
    Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(latitude), Math.cos(angle) - Math.sin(latitude) * Math.sin(endLatitude));
  const longitude = ((endLongitude / toRadians + 540) % 360) - 180;
  return { latitude: endLatitude / toRadians, longitude };
}
