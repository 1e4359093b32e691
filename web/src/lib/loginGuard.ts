import type { Client } from '@urql/vue';
import type { RouteLocationNormalized, Router } from 'vue-router';
import { CurrentMemberDocument } from '@/generated/graphql';

/** Where a visitor is sent for a page that needs a login: the login page, and back afterwards. */
export function loginRoute(to: Pick<RouteLocationNormalized, 'fullPath'>) {
  return { name: 'login', query: { redirect: to.fullPath } };
}

/**
 * Pages marked `requiresLogin` open only for a member who is logged in; a visitor goes to the login
 * page, which returns to the page afterwards. The current member comes from the shared cache (it is
 * fetched again from the network whenever the session changes). If the server cannot be asked, the
 * page opens and shows that error itself rather than sending a member who may be logged in away.
 */
export function installLoginGuard(router: Router, client: Client): void {
  router.beforeEach(async (to) => {
    if (!to.meta.requiresLogin) return true;
    const result = await client.query(CurrentMemberDocument, {}, { requestPolicy: 'cache-first' }).toPromise();
    if (result.error || result.data?.me) return true;
    return loginRoute(to);
  });
}
