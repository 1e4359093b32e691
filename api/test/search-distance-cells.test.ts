// Distance filters ask the search index for the grid cells covering a circle's box (distance-box.ts),
// and the database names the cells each offer lies in (offer_geo_cells, a generated column). The two
// must agree: every point within the radius lies in a cell of the cover, by the database's naming.
import fc from 'fast-check';
import { createTestDatabase, type TestDatabase } from '../../scripts/test/database';
import { distanceBox, geoCellCover, geoCellLevels } from '../src/marketplace/search/distance-cells';
import { circleWithPoint, pointIn } from './support/geodesy';

describe('geo cells', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  async function databaseCells(points: readonly { latitude: number; longitude: number }[]): Promise<string[][]> {
    const rows = await database.prisma.$queryRaw<{ cells: string[] }[]>`
      SELECT offer_geo_cells(p.latitude, p.longitude) AS cells
      FROM unnest(${points.map((point) => point.latitude)}::float8[], ${points.map((point) => point.longitude)}::float8[]) WITH ORDINALITY AS p(latitude, longitude, position)
      ORDER BY p.position`;
    return rows.map((row) => row.cells);
  }

  it('puts every point within the radius in a cell of the cover', async () => {
    const circles = fc.sample(circleWithPoint, { numRuns: 3000, seed: 20261202 });
    const points = circles.map(pointIn);
    const cells = await databaseCells(points);
    let covered = 0;
    circles.forEach((circle, index) => {
      const cover = geoCellCover(distanceBox(circle, circle.radius));
      if (!cover) return;
      covered += 1;
      expect({ circle, point: points[index], inCover: cells[index]!.some((cell) => cover.includes(cell)) }).toMatchObject({ inCover: true });
    });
    // Only circles reaching far towards a pole have no cover (they are searched by distance alone).
    expect(covered).toBeGreaterThan(2500);
  });

  it('names cells as the cover does, on cell edges, at zero and at the ends of the ranges', async () => {
    const edges = geoCellLevels.flatMap((size) => [
      { latitude: size.latitude * 7, longitude: size.longitude * 11 },
      { latitude: -size.latitude * 7, longitude: -size.longitude * 11 },
    ]);
    const points = [...edges, { latitude: -0, longitude: -0 }, { latitude: 90, longitude: 180 }, { latitude: -90, longitude: -180 }, { latitude: 51.3127, longitude: 9.4797 }];
    const cells = await databaseCells(points);
    points.forEach((point, index) => {
      // A box of no size around the point is covered by the point's own cell at the finest level.
      const own = geoCellCover({ latitudeMin: point.latitude, latitudeMax: point.latitude, longitude: { min: point.longitude, max: point.longitude } });
      expect(own).toHaveLength(1);
      expect(cells[index]![0]).toBe(own![0]);
    });
    const [none] = await database.prisma.$queryRaw<{ cells: string[] }[]>`SELECT offer_geo_cells(NULL, 9.5) AS cells`;
    expect(none!.cells).toEqual([]);
  });
});
