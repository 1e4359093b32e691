// Points on earthdistance's sphere, for tests of distance filters.
import fc from 'fast-check';

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

/**
 * A circle anywhere short of the poles (radius in metres, up to the filters' 500 km) and a point in
 * it: at a fraction of the radius (often exactly on its edge) in the direction of the bearing.
 */
export const circleWithPoint = fc.record({
  latitude: fc.double({ min: -89.9, max: 89.9, noNaN: true }),
  longitude: fc.double({ min: -180, max: 180, noNaN: true }),
  radius: fc.integer({ min: 1, max: 500_000 }),
  bearing: fc.double({ min: 0, max: 360, noNaN: true }),
  fraction: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
});

export type CircleWithPoint = typeof circleWithPoint extends fc.Arbitrary<infer Value> ? Value : never;

/** The point of a circleWithPoint. */
export function pointIn(circle: CircleWithPoint) {
  return destination(circle, circle.radius * circle.fraction, circle.bearing);
}
