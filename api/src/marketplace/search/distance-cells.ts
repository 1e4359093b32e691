// Distance filters. The box of latitudes and longitudes around a circle on the earth, and the grid
// cells that cover the box: every offer stores the cells it lies in (the generated column
// "geoCells", see the migration offer_geo_cells), which the search's GIN index holds beside the
// words, so the index intersects a term with a place in one scan; earth_distance then cuts the
// corners off. The sphere is earthdistance's (radius earth()), so the box holds every point that
// earth_distance finds within the radius.

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

/**
 * The grid levels, finest first: the cell sizes in degrees of latitude and of longitude (1.5 times
 * as many, so that cells are about square in Germany). These constants and the cell names must
 * match the SQL function offer_geo_cells exactly, as must the names "level:row:column" of the cells
 * (api/test/geo-cells.test.ts checks covers against the database's cells).
 */
export const geoCellLevels = [
  { latitude: 0.05, longitude: 0.075 },
  { latitude: 0.2, longitude: 0.3 },
  { latitude: 0.8, longitude: 1.2 },
  { latitude: 3.2, longitude: 4.8 },
] as const;

/** At most this many cells in a cover: the finest level whose cover stays within it is taken. */
export const geoCoverCellsMax = 36;

const cellOf = (degrees: number, size: number) => Math.floor(degrees / size);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

/**
 * The cells of one level that together hold the box, at the finest level where they are at most
 * geoCoverCellsMax; null when even the coarsest needs more (a circle reaching a pole).
 */
export function geoCellCover(box: DistanceBox): string[] | null {
  if (!box.longitude) return null;
  const { min, max } = box.longitude;
  for (const [level, size] of geoCellLevels.entries()) {
    const rows = range(cellOf(box.latitudeMin, size.latitude), cellOf(box.latitudeMax, size.latitude));
    const columns =
      min <= max
        ? range(cellOf(min, size.longitude), cellOf(max, size.longitude))
        : [...range(cellOf(min, size.longitude), cellOf(180, size.longitude)), ...range(cellOf(-180, size.longitude), cellOf(max, size.longitude))];
    if (rows.length * columns.length > geoCoverCellsMax) continue;
    return rows.flatMap((row) => columns.map((column) => `${level}:${row}:${column}`));
  }
  return null;
}
