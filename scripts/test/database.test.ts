import { createTestDatabase, type TestDatabase } from './database';

describe('test database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.close());

  it('starts migrated and empty', async () => {
    const migrations = await database.prisma.$queryRawUnsafe<{ count: bigint | number }[]>(
      'SELECT count(*) AS count FROM _prisma_migrations WHERE finished_at IS NOT NULL',
    );
    expect(Number(migrations[0]?.count)).toBeGreaterThan(0);
    expect(await database.prisma.member.count()).toBe(0);
  });
});
