import { useI18n } from 'vue-i18n';
import { fieldProblemMessage, type FieldProblem } from '@/lib/fieldErrors';

/** Words a field problem in the member's language; null for none. */
export function useFieldErrors() {
  const { t, locale } = useI18n();
  function fieldErrorText(problem: FieldProblem | null | undefined): string | undefined {
    if (!problem) return undefined;
    const message = fieldProblemMessage(problem, locale.value);
    return t(message.key, message.values, message.count);
  }
  return { fieldErrorText };
}
