import { useQuery } from '@urql/vue';
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { CategoryGroupsDocument } from '@/generated/graphql';

/** The category taxonomy from the API, with names in the interface language. */
export function useCategories() {
  const { locale } = useI18n();
  const result = useQuery({ query: CategoryGroupsDocument });
  const groups = computed(() =>
    (result.data.value?.categoryGroups ?? []).map((group) => ({
      code: group.code,
      name: locale.value === 'en' ? group.nameEn : group.nameDe,
      categories: group.categories.map((category) => ({
        code: category.code,
        name: locale.value === 'en' ? category.nameEn : category.nameDe,
      })),
    })),
  );
  return { groups };
}
