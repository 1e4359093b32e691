// Which GraphQL documents are public listings: queries whose only root field is `offers` and that
// select no field whose value depends on who asks. Such a document answers the same for every
// visitor, so the server executes it without looking up the session, and the listing cache shares
// its response between all visitors.
import { BREAK, isAbstractType, Kind, TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * Fields that answer differently depending on the viewer, among the types a listing reaches (Offer,
 * its images, rating, reviews and producer). Keep this list complete: a listing that selects none
 * of them runs without a session (reading `context.member` there throws) and is shared by all.
 * Fields that depend only on the query's arguments, such as a result's `distanceKm` from the place
 * searched around, do not belong here: cached listings are keyed by document and variables.
 */
export const viewerDependentFields: ReadonlySet<string> = new Set(['Member.email', 'Member.emailNotifications', 'Member.declineReason', 'Member.locale']);

/** Root fields a public listing may select. */
const listingRootFields: ReadonlySet<string> = new Set(['offers', '__typename']);

/** Returns a check that decides once per parsed document (Yoga reuses the document of a repeated query). */
export function createPublicListingCheck(schema: GraphQLSchema): (document: DocumentNode) => boolean {
  const decided = new WeakMap<DocumentNode, boolean>();
  return (document) => {
    let publicListing = decided.get(document);
    if (publicListing === undefined) {
      publicListing = isPublicListing(schema, document);
      decided.set(document, publicListing);
    }
    return publicListing;
  };
}

/** Every operation of the document counts, whichever of them a request names. */
export function isPublicListing(schema: GraphQLSchema, document: DocumentNode): boolean {
  const queryType = schema.getQueryType();
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (!queryType || operations.length === 0 || operations.some((operation) => operation.operation !== 'query')) return false;
  const typeInfo = new TypeInfo(schema);
  let publicListing = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parentType = typeInfo.getParentType();
        const name = node.name.value;
        const typeNames = !parentType ? [] : isAbstractType(parentType) ? schema.getPossibleTypes(parentType).map((type) => type.name) : [parentType.name];
        const allowed =
          typeNames.length > 0 &&
          (parentType !== queryType || listingRootFields.has(name)) &&
          !typeNames.some((typeName) => viewerDependentFields.has(`${typeName}.${name}`));
        if (allowed) return undefined;
        publicListing = false;
        return BREAK;
      },
    }),
  );
  return publicListing;
}
