import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index';

export const schemaFile = path.resolve(__dirname, '../../schema.graphql');

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
