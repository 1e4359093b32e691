// Limits on the size and shape of GraphQL documents, so that one request cannot make the server parse,
// validate or execute without bound: tokens are counted while parsing, depth, aliases, cost and
// directives are measured before the usual validation. The measuring is GraphQL Armor's; this module
// chooses the limits, gives each refusal a stable code and runs the checks in the right place.
//
// Armor's own envelop plugins add their rules to the same validation pass as graphql-js's rules, so a
// huge document would still go through every standard rule (some of them quadratic in the number of
// fields) before it is refused. Here the limit rules run alone first, inside the validate function:
// a document over a limit is answered with the limit's error and never validated further. Yoga caches
// validation results per parsed document, so a repeated document pays for neither pass again.
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, validate, type DocumentNode, type GraphQLSchema, type ParseOptions, type Source, type ValidationContext, type ValidationRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { QueryLimitsConfig } from './config';

/** The `extensions.code` of each refusal; clients may branch on these. */
export const queryLimitCodes = {
  tokens: 'TOO_MANY_TOKENS',
  depth: 'QUERY_TOO_DEEP',
  aliases: 'TOO_MANY_ALIASES',
  cost: 'QUERY_TOO_COSTLY',
  directives: 'TOO_MANY_DIRECTIVES',
} as const;

/** What a client is told: which limit, not the limit's value nor how the document measured. */
const messages: Record<keyof typeof queryLimitCodes, string> = {
  tokens: 'The query is too long.',
  depth: 'The query nests fields too deeply.',
  aliases: 'The query uses too many aliases.',
  cost: 'The query asks for too much at once.',
  directives: 'The query uses too many directives.',
};

function limitError(limit: keyof typeof queryLimitCodes): GraphQLError {
  return new GraphQLError(messages[limit], { extensions: { code: queryLimitCodes[limit] } });
}

/**
 * Parses like graphql-js's `parse`, but stops with TOO_MANY_TOKENS as soon as the document has more
 * tokens than allowed, before the rest of it is read.
 */
export function createLimitedParse(limits: QueryLimitsConfig): (source: string | Source, options?: ParseOptions) => DocumentNode {
  return (source, options) => {
    const parser = new MaxTokensParserWLexer(source, {
      ...options,
      n: limits.tokensMax,
      // Thrown from the lexer at the first token past the limit, instead of Armor's own error.
      onReject: [
        () => {
          throw limitError('tokens');
        },
      ],
    });
    return parser.parseDocument();
  };
}

/**
 * The validation rules of the limits. Each reports its refusal (at most one per operation) instead of
 * throwing, so a document over several limits hears of all of them.
 */
export function queryLimitRules(limits: QueryLimitsConfig): ValidationRule[] {
  const report = (limit: keyof typeof queryLimitCodes) => ({
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null) => {
        context?.reportError(limitError(limit));
      },
    ],
  });
  // Depth and cost follow the data a query returns: a fragment spread adds no level of its own.
  return [
    maxDepthRule({ n: limits.depthMax, flattenFragments: true, ...report('depth') }),
    maxAliasesRule({ n: limits.aliasesMax, ...report('aliases') }),
    costLimitRule({ maxCost: limits.costMax, flattenFragments: true, ...report('cost') }),
    maxDirectivesRule({ n: limits.directivesMax, ...report('directives') }),
  ];
}

/** All limits for a document's text, as the server applies them: tokens while parsing, then the rest. */
export function queryLimitErrors(schema: GraphQLSchema, source: string, limits: QueryLimitsConfig): readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = createLimitedParse(limits)(source);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === queryLimitCodes.tokens) return [error];
    throw error;
  }
  return validate(schema, document, queryLimitRules(limits));
}

/**
 * The Yoga plugin: the limited parser for every document Yoga parses, and the limit rules in front of
 * the usual validation (the validation Yoga caches, so a document is measured once).
 */
export function queryLimitsPlugin(limits: QueryLimitsConfig): Plugin {
  const parse = createLimitedParse(limits);
  const rules = queryLimitRules(limits);
  return {
    onParse({ setParseFn }) {
      setParseFn(parse);
    },
    onValidate({ validateFn, setValidationFn }) {
      setValidationFn((schema, document, ...rest) => {
        const refusals = validate(schema, document, rules);
        return refusals.length > 0 ? refusals : validateFn(schema, document, ...rest);
      });
    },
  };
}
