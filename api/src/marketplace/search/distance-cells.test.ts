import fc from 'fast-check';
import { circleWithPoint, destination, pointIn } from '../../../test/support/geodesy';
import { distanceBox, geoCellCover, geoCellLevels, geoCoverCellsMax, type DistanceBox } from './distance-cells';

function holds(box: DistanceBox, point: { latitude: number; longitude: number }): boolean {
  if (point.latitude < box.latitudeMin || point.latitude > box.latitudeMax) return false;
  if (!box.longitude) return true;
  const { min, max } = box.longitude;
  return min <= max ? point.longitude >= min && point.longitude <= max : point.longitude >= min || point.longitude <= max;
}

describe('distanceBox', () => {
  it('holds every point of the circle, anywhere on the earth', () => {
    fc.assert(
      fc.property(circleWithPoint, (circle) => {
        const box = distanceBox(circle, circle.radius);
        expect(holds(box, pointIn(circle))).toBe(true);
      }),
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

  it('covers the box with at most the allowed number of cells of the finest level that suffices', () => {
    // 10 km around Kassel: the box spans 0.18 of latitude and 0.29 of longitude, 5 x 5 cells of the finest level.
    const kassel = geoCellCover(distanceBox({ latitude: 51.3127, longitude: 9.4797 }, 10_000))!;
    expect(kassel).toHaveLength(25);
    expect(kassel.every((cell) => cell.startsWith('0:'))).toBe(true);
    expect(kassel).toContain(`0:${Math.floor(51.3127 / 0.05)}:${Math.floor(9.4797 / 0.075)}`);
    // 100 km needs the third level; 500 km the coarsest.
    expect(geoCellCover(distanceBox({ latitude: 51.3127, longitude: 9.4797 }, 100_000))![0]).toMatch(/^2:/);
    expect(geoCellCover(distanceBox({ latitude: 51.3127, longitude: 9.4797 }, 500_000))![0]).toMatch(/^3:/);
    // Across 180 degrees the cover takes cells on both sides; at a pole there is none.
    const wrapped = geoCellCover(distanceBox({ latitude: 0, longitude: 179.99 }, 5_000))!;
    expect(wrapped.some((cell) => cell.endsWith(`:${Math.floor(179.99 / 0.075)}`))).toBe(true);
    expect(wrapped.some((cell) => cell.endsWith(`:${Math.floor(-179.99 / 0.075)}`))).toBe(true);
    expect(geoCellCover(distanceBox({ latitude: 89.99, longitude: 0 }, 5_000))).toBeNull();
  });

  it('puts every point of the circle in a cell of the cover (cells named as the database names them)', () => {
    fc.assert(
      fc.property(circleWithPoint, (circle) => {
        const cover = geoCellCover(distanceBox(circle, circle.radius));
        if (!cover) return;
        expect(cover.length).toBeLessThanOrEqual(geoCoverCellsMax);
        const point = pointIn(circle);
        const cells = geoCellLevels.map((size, level) => `${level}:${Math.floor(point.latitude / size.latitude)}:${Math.floor(point.longitude / size.longitude)}`);
        expect(cells.some((cell) => cover.includes(cell))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
