import { builder } from '../builder';
import { categoryGroups, type Category, type CategoryGroup } from '../marketplace/categories';

const CategoryType = builder.objectRef<Category>('Category').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    nameDe: t.string({ resolve: (category) => category.name.de }),
    nameEn: t.string({ resolve: (category) => category.name.en }),
  }),
});

const CategoryGroupType = builder.objectRef<CategoryGroup>('CategoryGroup').implement({
  fields: (t) => ({
    code: t.exposeString('code'),
    nameDe: t.string({ resolve: (group) => group.name.de }),
    nameEn: t.string({ resolve: (group) => group.name.en }),
    categories: t.field({ type: [CategoryType], resolve: (group) => group.categories }),
  }),
});

builder.queryField('categoryGroups', (t) =>
  t.field({
    type: [CategoryGroupType],
    description: 'The fixed two-level category taxonomy of offers and needs.',
    resolve: () => categoryGroups,
  }),
);
