import { useClientHandle, useMutation, type CombinedError } from '@urql/vue';
import { ref } from 'vue';
import { useRouter } from 'vue-router';
import { CurrentMemberDocument, LogoutDocument } from '@/generated/graphql';

/**
 * Session changes. The session itself is an HTTP-only cookie the app cannot read, so after logging
 * in, registering or logging out the current member is fetched again from the network; every view
 * that shows `me` shares that query and updates with it.
 */
export function useSession() {
  const { client } = useClientHandle();
  const router = useRouter();
  const logoutMutation = useMutation(LogoutDocument);
  const loggingOut = ref(false);

  async function reloadCurrentMember(): Promise<void> {
    await client.query(CurrentMemberDocument, {}, { requestPolicy: 'network-only' }).toPromise();
  }

  /**
   * Ends the session and returns to the marketplace. The marketplace is shown before the current
   * member is reloaded, so pages only for members do not first bounce to the login page.
   * Resolves to the error when the server could not log the member out.
   */
  async function logout(): Promise<CombinedError | undefined> {
    if (loggingOut.value) return undefined;
    loggingOut.value = true;
    try {
      const result = await logoutMutation.executeMutation({});
      if (result.error) return result.error;
      await router.push({ name: 'home' });
      await reloadCurrentMember();
      return undefined;
    } finally {
      loggingOut.value = false;
    }
  }

  return { reloadCurrentMember, logout, loggingOut };
}
