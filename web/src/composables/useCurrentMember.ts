import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { CurrentMemberDocument } from '@/generated/graphql';

/**
 * The member who is logged in, or null. `known` turns true once the server has answered (or could
 * not be reached), so the interface does not flash "log in" links for a member who is logged in.
 */
export function useCurrentMember() {
  const result = useQuery({ query: CurrentMemberDocument, requestPolicy: 'cache-and-network' });
  const member = computed(() => result.data.value?.me ?? null);
  const known = computed(() => result.data.value !== undefined || result.error.value !== undefined);
  return { member, known, error: result.error, fetching: result.fetching };
}
