// Browser end-to-end tests: each suite starts the built app the way a user would (`npm start`
// equivalent on a fresh data folder) and drives Debian's chromium through playwright-core.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/web', '<rootDir>/api', '<rootDir>/scripts'],
  testMatch: ['**/*.e2e.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  // Starting the server may build the web app and migrate and seed a new database first.
  testTimeout: 240_000,
  // One browser and one server at a time: the machines have two cores.
  maxWorkers: 1,
};
