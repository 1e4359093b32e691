// Every field the database stores is in the privacy catalogue: either as an item of personal data
// (what, why, how long, who sees it) or marked as not personal with a reason. The datamodel is the one
// Prisma generates from prisma/schema.prisma, so a new field fails here until it is annotated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDatamodel } from '../../../prisma/generated/pothos-types';
import { derivedColumns, personalDataFields, type PrivacyFieldEntry } from './personal-data-fields';
import { privacyAreas, privacyAudiences, privacyItems, privacyRetentions, retentionText } from './personal-data-items';
import { fieldsByItem, privacyCatalogue } from './privacy-catalogue';

const catalogueFile = 'api/src/privacy/personal-data-fields.ts';
const datamodel = getDatamodel().datamodel.models;
const catalogue = personalDataFields as unknown as Record<string, { notPersonal: string } | Record<string, PrivacyFieldEntry>>;

function isModelNotPersonal(entry: { notPersonal: string } | Record<string, PrivacyFieldEntry>): entry is { notPersonal: string } {
  return typeof (entry as { notPersonal?: unknown }).notPersonal === 'string';
}

/** The stored columns of each model: scalar and enum fields (relations are not columns). */
function storedFields(model: string): string[] {
  return (datamodel[model]?.fields ?? []).filter((field) => field.kind === 'scalar' || field.kind === 'enum').map((field) => field.name);
}

describe('the privacy catalogue of stored fields', () => {
  it('says of every stored field whether it is personal data, and what, why, how long and for whom', () => {
    const problems: string[] = [];
    for (const model of Object.keys(datamodel)) {
      const entry = catalogue[model];
      if (!entry) {
        problems.push(
          `Model ${model} is stored but not in the privacy catalogue. Add to ${catalogueFile}: ` +
            `\`${model}: { ${storedFields(model).map((field) => `${field}: '<item>'`).join(', ')} }\` naming an item of ` +
            `api/src/privacy/personal-data-items.ts for each field (or a new item there with what, purpose, retention and audiences), ` +
            `or \`${model}: notPersonal('why it describes no person')\`.`,
        );
        continue;
      }
      if (isModelNotPersonal(entry)) continue;
      for (const field of storedFields(model)) {
        if (field in entry) continue;
        problems.push(
          `${model}.${field} is stored but not in the privacy catalogue. Add to ${model} in ${catalogueFile}: ` +
            `\`${field}: '<item>'\` with an item of api/src/privacy/personal-data-items.ts (what is stored, purpose, retention, who sees it; ` +
            `add an item there when none fits), or \`${field}: notPersonal('why it describes no person')\`.`,
        );
      }
      for (const field of Object.keys(entry)) {
        if (!storedFields(model).includes(field)) problems.push(`${model}.${field} is in ${catalogueFile} but not in prisma/schema.prisma: remove it.`);
      }
    }
    for (const model of Object.keys(catalogue)) {
      if (!datamodel[model]) problems.push(`Model ${model} is in ${catalogueFile} but not in prisma/schema.prisma: remove it.`);
    }
    expect(problems).toEqual([]);
  });

  it('knows every column Prisma does not read, and what it is computed from', () => {
    const schema = readFileSync(path.join(__dirname, '../../../prisma/schema.prisma'), 'utf8');
    const unsupported: string[] = [];
    let model: string | null = null;
    for (const line of schema.split('\n')) {
      const start = /^model (\w+) \{/.exec(line);
      if (start) model = start[1] ?? null;
      else if (line.startsWith('}')) model = null;
      const field = /^\s+(\w+)\s+Unsupported\(/.exec(line);
      if (model && field) unsupported.push(`${model}.${field[1]}`);
    }
    const missing = unsupported.filter((column) => !(column in derivedColumns));
    expect(missing.map((column) => `${column} is an Unsupported column: add it to derivedColumns in ${catalogueFile} with the field it is computed from.`)).toEqual([]);
    expect(Object.keys(derivedColumns).sort()).toEqual(unsupported.sort());
  });

  it('has a German and an English text for every item and every retention, and names only known audiences', () => {
    const settings = { sessionTtlDays: 30, notificationRetentionDays: 180, mailOutboxRetentionDays: 30, myDataExport: { ttlHours: 48 } };
    for (const [key, item] of Object.entries(privacyItems)) {
      for (const text of [item.what, item.purpose]) {
        expect({ key, de: text.de.length > 0, en: text.en.length > 0, differ: text.de !== text.en }).toEqual({ key, de: true, en: true, differ: true });
      }
      expect(privacyAreas).toContain(item.area);
      expect(privacyRetentions).toContain(item.retention);
      expect(item.audiences.length).toBeGreaterThan(0);
      for (const audience of item.audiences) expect(privacyAudiences).toContain(audience);
      if (item.audiences.includes('nobody')) expect(item.audiences).toEqual(['nobody']);
    }
    for (const retention of privacyRetentions) {
      const text = retentionText(retention, settings);
      expect(text.de).not.toEqual(text.en);
    }
    expect(retentionText('notifications', settings).en).toContain('180 days');
    expect(retentionText('data_exports', { ...settings, myDataExport: { ttlHours: 12 } }).de).toContain('12 Stunden');
  });

  it('names every item by at least one stored field, and the generated page lists them by area', () => {
    const used = fieldsByItem();
    expect(Object.keys(privacyItems).filter((key) => !used.has(key as keyof typeof privacyItems))).toEqual([]);
    const areas = privacyCatalogue({ sessionTtlDays: 7, notificationRetentionDays: 90, mailOutboxRetentionDays: 10, myDataExport: { ttlHours: 24 } });
    expect(areas.map((area) => area.area)).toEqual([...privacyAreas]);
    const login = areas.find((area) => area.area === 'account')?.items.find((item) => item.key === 'account.login');
    expect(login?.fields).toEqual(['Member.email', 'Member.locale', 'Member.emailNotifications']);
    const sessions = areas.flatMap((area) => area.items).find((item) => item.key === 'account.sessions');
    expect(sessions?.retentionText.en).toContain('7 days');
  });
});
