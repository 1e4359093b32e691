// The fixed two-level category taxonomy of offers and needs. Codes are stable identifiers
// ("group.category"); names are shown in German and English.

export interface Category {
  code: string;
  name: { de: string; en: string };
}

export interface CategoryGroup extends Category {
  categories: Category[];
}

export const categoryGroups: CategoryGroup[] = [
  {
    code: 'food',
    name: { de: 'Lebensmittel', en: 'Food' },
    categories: [
      { code: 'food.vegetables', name: { de: 'Gemüse', en: 'Vegetables' } },
      { code: 'food.fruit', name: { de: 'Obst', en: 'Fruit' } },
      { code: 'food.bakery', name: { de: 'Brot und Backwaren', en: 'Bread and bakery' } },
      { code: 'food.dairy', name: { de: 'Milchprodukte und Eier', en: 'Dairy and eggs' } },
      { code: 'food.preserves', name: { de: 'Eingemachtes und Honig', en: 'Preserves and honey' } },
      { code: 'food.drinks', name: { de: 'Getränke', en: 'Drinks' } },
    ],
  },
  {
    code: 'crafts',
    name: { de: 'Handwerk', en: 'Crafts' },
    categories: [
      { code: 'crafts.wood', name: { de: 'Holzarbeiten', en: 'Woodwork' } },
      { code: 'crafts.textiles', name: { de: 'Textilien', en: 'Textiles' } },
      { code: 'crafts.ceramics', name: { de: 'Keramik', en: 'Ceramics' } },
    ],
  },
  {
    code: 'household',
    name: { de: 'Haushalt', en: 'Household' },
    categories: [
      { code: 'household.secondhand', name: { de: 'Gebrauchtwaren', en: 'Second-hand goods' } },
      { code: 'household.cleaning', name: { de: 'Reinigung und Pflege', en: 'Cleaning and care products' } },
      { code: 'household.garden', name: { de: 'Garten und Pflanzen', en: 'Garden and plants' } },
    ],
  },
  {
    code: 'services',
    name: { de: 'Dienstleistungen', en: 'Services' },
    categories: [
      { code: 'services.repair', name: { de: 'Reparatur', en: 'Repair' } },
      { code: 'services.care', name: { de: 'Betreuung und Pflege', en: 'Care' } },
      { code: 'services.teaching', name: { de: 'Unterricht und Kurse', en: 'Lessons and courses' } },
      { code: 'services.transport', name: { de: 'Transport und Lieferung', en: 'Transport and delivery' } },
      { code: 'services.craft', name: { de: 'Handwerksleistungen', en: 'Trade services' } },
    ],
  },
];

const categoryCodes = new Set(categoryGroups.flatMap((group) => group.categories.map((category) => category.code)));

export function isCategoryCode(code: string): boolean {
  return categoryCodes.has(code);
}

const categoryGroupCodes = new Set(categoryGroups.map((group) => group.code));

export function isCategoryGroupCode(code: string): boolean {
  return categoryGroupCodes.has(code);
}

/** The codes of the categories in a group, or just the code itself for a category. */
export function categoryCodesOf(code: string): string[] {
  const group = categoryGroups.find((candidate) => candidate.code === code);
  return group ? group.categories.map((category) => category.code) : [code];
}
