import { onBeforeUnmount, onMounted, ref } from 'vue';

/** The current time in milliseconds, updated every `intervalMs` while the component is mounted. */
export function useNow(intervalMs = 15_000) {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => {
      now.value = Date.now();
    }, intervalMs);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
