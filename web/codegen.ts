// Typed documents for the web app, generated from the API's committed schema and the `.graphql`
// documents beside each feature. The output in src/generated/ is not committed.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: false,
  generates: {
    'src/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        // Money and dates stay strings end to end; money is never parsed to a float.
        scalars: { DateTime: 'string', Decimal: 'string', File: 'File' },
        nonOptionalTypename: true,
        dedupeFragments: true,
      },
    },
  },
};

export default config;
