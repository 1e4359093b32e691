// One Jest configuration for every package. Suites run on the embedded default (PGlite, in-process
// jobs); with DATABASE_URL and REDIS_URL set, the same suites run against PostgreSQL and Redis/BullMQ.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/ledger', '<rootDir>/api', '<rootDir>/web', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.e2e\\.test\\.ts$'],
  // Prisma's schema engine glue is an ES module; compile it to CommonJS like our own code.
  transformIgnorePatterns: ['/node_modules/(?!@prisma/schema-engine-wasm/)'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // The web app's alias for the form rules it shares with the API.
  moduleNameMapper: { '^@rules/(.*)$': '<rootDir>/api/src/shared/rules/$1' },
  globalSetup: '<rootDir>/scripts/test/global-setup.ts',
  globalTeardown: '<rootDir>/scripts/test/global-teardown.ts',
  testTimeout: 60_000,
  // PGlite and the services share two cores; more workers only add contention.
  maxWorkers: 2,
};
