import { onUnmounted, watch, type Ref } from 'vue';

/** Calls `refresh` every `intervalMs` while `active` is true (e.g. while a job runs); stops on unmount. */
export function usePolling(active: Ref<boolean>, refresh: () => void, intervalMs = 1000): void {
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    if (timer !== null) clearInterval(timer);
    timer = null;
  };
  watch(
    active,
    (isActive) => {
      stop();
      if (isActive) timer = setInterval(refresh, intervalMs);
    },
    { immediate: true },
  );
  onUnmounted(stop);
}
