// The box of latitudes and longitudes around a circle on the earth, for distance filters: a B-tree
// index on (longitude, latitude) finds the offers in the box, and the planner can tell from the
// statistics of the two columns how many there are; earth_distance then cuts the corners off. The sphere is
// earthdistance's (radius earth()), so the box holds every point that earth_distance finds within
// the radius.

/** earthdistance's earth() in metres. */
const earthRadiusMeters = 6_378_168;

/** Widens the box by a hair so that rounding cannot drop a point on its edge. */
const marginDegrees = 1e-9;

export interface DistanceBox {
  latitudeMin: number;
  latitudeMax: number;
  /** Null when the circle reaches a pole (every longitude); min > max when it crosses ±180°. */
  longitude: { min: number; max: number } | null;
}

const degrees = (radians: number) => (radians * 180) / Math.PI;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/**
 * The smallest box of latitudes and longitudes that holds the circle (J. P. Matuschek, "Finding
 * Points Within a Distance of a Latitude/Longitude Using Bounding Coordinates").
 */
export function distanceBox(centre: { latitude: number; longitude: number }, radiusMeters: number): DistanceBox {
  const angle = radiusMeters / earthRadiusMeters;
  const latitude = radians(centre.latitude);
  const latitudeMin = degrees(latitude - angle) - marginDegrees;
  const latitudeMax = degrees(latitude + angle) + marginDegrees;
  if (latitudeMax >= 90 || latitudeMin <= -90) {
    return { latitudeMin: Math.max(latitudeMin, -90), latitudeMax: Math.min(latitudeMax, 90), longitude: null };
  }
  const spread = degrees(Math.asin(Math.sin(angle) / Math.cos(latitude))) + marginDegrees;
  let min = centre.longitude - spread;
  let max = centre.longitude + spread;
  if (min < -180) min += 360;
  if (max > 180) max -= 360;
  return { latitudeMin, latitudeMax, longitude: { min, max } };
}
