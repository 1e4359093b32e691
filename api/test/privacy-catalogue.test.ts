// The privacy catalogue over HTTP: a visitor without a session reads what is stored about members, by
// area, in German and English, with this installation's retention settings in the words.
import { startTestServer, type TestServer } from './support/server';

interface Item {
  key: string;
  what: { de: string; en: string };
  purpose: { de: string; en: string };
  retention: string;
  retentionText: { de: string; en: string };
  audiences: string[];
  fields: string[];
}

describe('the privacy catalogue', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer('privacy-catalogue', () => ({ NOTIFICATION_RETENTION_DAYS: '90', MY_DATA_EXPORT_TTL_HOURS: '12', SESSION_TTL_DAYS: '14' }));
  });
  afterAll(() => server.stop());

  it('tells a visitor what is stored, why, how long and who sees it, in both languages', async () => {
    const response = await fetch(`${server.app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ privacyCatalogue { area items { key what { de en } purpose { de en } retention retentionText { de en } audiences fields } } }',
      }),
    });
    const body = (await response.json()) as { data: { privacyCatalogue: { area: string; items: Item[] }[] }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const areas = body.data.privacyCatalogue;
    expect(areas.map((area) => area.area)).toEqual(['account', 'marketplace', 'orders', 'messages', 'governance', 'money', 'administration']);
    const items = new Map(areas.flatMap((area) => area.items.map((item) => [item.key, item] as const)));

    const login = items.get('account.login')!;
    expect(login.fields).toEqual(['Member.email', 'Member.locale', 'Member.emailNotifications']);
    expect(login.audiences).toEqual(['self', 'board']);
    expect(login.retention).toBe('until_leaving');
    expect(login.purpose.de).toContain('Anmeldung');
    expect(login.purpose.en).toContain('Logging in');

    expect(items.get('account.notifications')!.retentionText.en).toContain('90 days');
    expect(items.get('account.dataExports')!.retentionText.de).toContain('12 Stunden');
    expect(items.get('account.sessions')!.retentionText.en).toContain('(14 days)');
    expect(items.get('governance.voteChoice')!.fields).toEqual(['Vote.choice']);
    expect(items.get('account.password')!.audiences).toEqual(['nobody']);
    // Every item has its texts in both languages.
    for (const item of items.values()) {
      for (const text of [item.what, item.purpose, item.retentionText]) expect(text.de && text.en && text.de !== text.en).toBeTruthy();
    }
  });
});
