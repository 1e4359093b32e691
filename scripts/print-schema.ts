// Writes the GraphQL schema to api/schema.graphql (committed; a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { schemaFile, printedSchema } from '../api/src/schema/print';

writeFileSync(schemaFile, printedSchema());
console.log(`Wrote ${schemaFile}`);
