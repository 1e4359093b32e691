import { readFileSync } from 'node:fs';
import { printedSchema, schemaFile } from '../src/schema/print';

describe('committed GraphQL schema', () => {
  it('matches the schema the code builds (run `npm run schema:print` after changing types)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });
});
