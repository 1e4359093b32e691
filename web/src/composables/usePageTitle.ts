import { computed, onBeforeUnmount, shallowRef, watchEffect } from 'vue';

interface Claim {
  title: string | null;
}

// The page that set the title last owns it. When one page replaces another, the new page's setup
// runs before the old one unmounts, so the old page only clears a title that is still its own.
const owner = shallowRef<Claim | null>(null);

/** The shown page's own title for the browser tab, or null to use the route's title. */
export const pageTitle = computed(() => owner.value?.title ?? null);

/** Sets the browser tab's title from the page's data (an offer's or producer's name) while it is shown. */
export function usePageTitle(title: () => string | null | undefined): void {
  let claim: Claim | null = null;
  watchEffect(() => {
    claim = { title: title() ?? null };
    owner.value = claim;
  });
  onBeforeUnmount(() => {
    if (owner.value === claim) owner.value = null;
  });
}
