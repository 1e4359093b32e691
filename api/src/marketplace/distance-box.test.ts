import fc from 'fast-check';
import { distanceBox, type DistanceBox } from './distance-box';

const earthRadiusMeters = 6_378_168;

/** The point at a distance and bearing from a start on the sphere (great circle). */
function destination(start: { latitude: number; longitude: number }, meters: number, bearingDegrees: number) {
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

function holds(box: DistanceBox, point: { latitude: number; longitude: number }): boolean {
  if (point.latitude < box.latitudeMin || point.latitude > box.latitudeMax) return false;
  if (!box.longitude) return true;
  const { min, max } = box.longitude;
  return min <= max ? point.longitude >= min && point.longitude <= max : point.longitude >= min || point.longitude <= max;
}

describe('distanceBox', () => {
  it('holds every point of the circle, anywhere on the earth', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.integer({ min: 1, max: 500_000 }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (latitude, longitude, radius, bearing, fraction) => {
          const box = distanceBox({ latitude, longitude }, radius);
          expect(holds(box, destination({ latitude, longitude }, radius * fraction, bearing))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is no larger than the circle needs away from the poles', () => {
    // 10 km around Kassel: about 0.09° of latitude and 0.14° of longitude each way.
    const box = distanceBox({ latitude: 51.3127, longitude: 9.4797 }, 10_000);
    expect(box.latitudeMax - 51.3127).toBeCloseTo(0.0898, 3);
    expect(box.longitude!.max - 9.4797).toBeCloseTo(0.1437, 3);
    // The widest points of the circle lie on the box's edges of longitude.
    const east = destination({ latitude: 51.3127, longitude: 9.4797 }, 10_000, 90);
    expect(east.longitude).toBeLessThanOrEqual(box.longitude!.max);
  });

  it('takes every longitude when the circle reaches a pole, and wraps across 180°', () => {
    expect(distanceBox({ latitude: 89.99, longitude: 0 }, 5_000).longitude).toBeNull();
    const wrapped = distanceBox({ latitude: 0, longitude: 179.99 }, 5_000).longitude!;
    expect(wrapped.min).toBeGreaterThan(wrapped.max);
    expect(wrapped.max).toBeCloseTo(-179.965, 2);
  });
});
