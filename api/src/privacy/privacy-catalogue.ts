// The privacy page's content, generated from the field catalogue: each area with its items, and for
// each item the stored fields that hold it ("Member.email"), what it is, why it is kept, how long (in
// this installation's settings) and who sees it. Items no field names are left out, so the page says
// only what the database really stores.
import { personalDataFields, type PrivacyFieldEntry } from './personal-data-fields';
import {
  privacyAreas,
  privacyItems,
  retentionText,
  type LocalizedText,
  type PrivacyArea,
  type PrivacyAudience,
  type PrivacyItemKey,
  type PrivacyRetention,
  type RetentionSettings,
} from './personal-data-items';

export interface PrivacyCatalogueItem {
  key: PrivacyItemKey;
  what: LocalizedText;
  purpose: LocalizedText;
  retention: PrivacyRetention;
  retentionText: LocalizedText;
  audiences: readonly PrivacyAudience[];
  /** "Model.field", in the schema's order. */
  fields: string[];
}

export interface PrivacyCatalogueArea {
  area: PrivacyArea;
  items: PrivacyCatalogueItem[];
}

export function isPersonal(entry: PrivacyFieldEntry): entry is PrivacyItemKey {
  return typeof entry === 'string';
}

/** The fields that hold each item, "Model.field". */
export function fieldsByItem(): Map<PrivacyItemKey, string[]> {
  const fields = new Map<PrivacyItemKey, string[]>();
  for (const [model, entry] of Object.entries(personalDataFields)) {
    if ('notPersonal' in entry && typeof entry.notPersonal === 'string') continue;
    for (const [field, fieldEntry] of Object.entries(entry as Record<string, PrivacyFieldEntry>)) {
      if (!isPersonal(fieldEntry)) continue;
      const list = fields.get(fieldEntry) ?? [];
      list.push(`${model}.${field}`);
      fields.set(fieldEntry, list);
    }
  }
  return fields;
}

export function privacyCatalogue(settings: RetentionSettings): PrivacyCatalogueArea[] {
  const fields = fieldsByItem();
  const entries = Object.entries(privacyItems) as [PrivacyItemKey, (typeof privacyItems)[PrivacyItemKey]][];
  return privacyAreas
    .map((area) => ({
      area,
      items: entries
        .filter(([key, item]) => item.area === area && (fields.get(key)?.length ?? 0) > 0)
        .map(([key, item]) => ({
          key,
          what: item.what,
          purpose: item.purpose,
          retention: item.retention,
          retentionText: retentionText(item.retention, settings),
          audiences: item.audiences,
          fields: fields.get(key) ?? [],
        })),
    }))
    .filter((area) => area.items.length > 0);
}
