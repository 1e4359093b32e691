import { createI18n } from 'vue-i18n';
import { de } from '../i18n/de';
import { en } from '../i18n/en';

describe('vote results in words', () => {
  const i18n = createI18n({ legacy: false, locale: 'de', messages: { de, en } });
  const t = i18n.global.t;

  it('count abstentions with the plural the language needs', () => {
    const result = (abstain: number) => t('governance.list.result', { yes: 8, no: 2, abstentions: t('governance.list.abstentions', abstain) });
    expect([0, 1, 3].map(result)).toEqual(['8 Ja · 2 Nein · keine Enthaltung', '8 Ja · 2 Nein · 1 Enthaltung', '8 Ja · 2 Nein · 3 Enthaltungen']);
    i18n.global.locale.value = 'en';
    expect([0, 1, 3].map(result)).toEqual(['8 yes · 2 no · no abstentions', '8 yes · 2 no · 1 abstention', '8 yes · 2 no · 3 abstentions']);
  });
});
