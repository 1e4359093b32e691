// The privacy catalogue: what the cooperative stores about people, why, how long and who sees it,
// in German and English, generated from the annotated schema (api/src/privacy/). Public, like the
// statistics: the web app's /privacy page shows it.
import { builder } from '../builder';
import { privacyCatalogue, type PrivacyCatalogueArea, type PrivacyCatalogueItem } from '../privacy/privacy-catalogue';
import { privacyAreas, privacyAudiences, privacyRetentions, type LocalizedText } from '../privacy/personal-data-items';

const PrivacyAreaEnum = builder.enumType('PrivacyArea', { values: privacyAreas, description: 'A part of the privacy page.' });

const PrivacyAudienceEnum = builder.enumType('PrivacyAudience', {
  values: privacyAudiences,
  description:
    'Who can see an item: the member it is about (self), the other party of an order, conversation or answered need (counterparty), every member, everyone (public), the board, the accountants, or nobody (kept only to be checked).',
});

const PrivacyRetentionEnum = builder.enumType('PrivacyRetention', { values: privacyRetentions, description: 'How long an item is kept.' });

const LocalizedTextType = builder.objectRef<LocalizedText>('LocalizedText').implement({
  description: 'A text in German and English.',
  fields: (t) => ({
    de: t.exposeString('de'),
    en: t.exposeString('en'),
  }),
});

const PrivacyItemType = builder.objectRef<PrivacyCatalogueItem>('PrivacyItem').implement({
  description: 'One kind of personal data the cooperative stores.',
  fields: (t) => ({
    key: t.exposeString('key'),
    what: t.field({ type: LocalizedTextType, resolve: (item) => item.what }),
    purpose: t.field({ type: LocalizedTextType, description: 'Why it is stored.', resolve: (item) => item.purpose }),
    retention: t.field({ type: PrivacyRetentionEnum, resolve: (item) => item.retention }),
    retentionText: t.field({ type: LocalizedTextType, description: "How long it is kept, with this installation's settings.", resolve: (item) => item.retentionText }),
    audiences: t.field({ type: [PrivacyAudienceEnum], resolve: (item) => [...item.audiences] }),
    fields: t.exposeStringList('fields', { description: 'The stored fields that hold it, as "Model.field".' }),
  }),
});

const PrivacyAreaType = builder.objectRef<PrivacyCatalogueArea>('PrivacyCatalogueArea').implement({
  fields: (t) => ({
    area: t.field({ type: PrivacyAreaEnum, resolve: (area) => area.area }),
    items: t.field({ type: [PrivacyItemType], resolve: (area) => area.items }),
  }),
});

builder.queryField('privacyCatalogue', (t) =>
  t.field({
    type: [PrivacyAreaType],
    description: 'What the cooperative stores about people, by area, generated from the database schema. Open to everyone.',
    resolve: (_root, _args, context) => privacyCatalogue(context.config),
  }),
);
