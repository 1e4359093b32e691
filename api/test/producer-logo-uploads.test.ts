// A producer's logo is an upload, served from this server: there is no way to name a picture on
// another site that visitors' browsers would then fetch.
import sharp from 'sharp';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestApi, type ApiClient, type TestApi } from './support/api';
import { buildMember } from './support/builders';

const password = 'richtig-geheim-42';
const updateProfile = `mutation Update($input: ProducerProfileInput!) {
  updateProducerProfile(input: $input) { __typename ... on MutationUpdateProducerProfileSuccess { data { id logoUrl logo { url } } } ... on ValidationError { fieldErrors { field message } } }
}`;
const setLogo = `mutation Logo($file: File!) {
  setProducerLogo(file: $file) { __typename ... on MutationSetProducerLogoSuccess { data { logoUrl logo { url } } } }
}`;

describe('producer logos are uploads only', () => {
  let api: TestApi;
  let mediaDir: string;
  let producer: ApiClient;

  beforeAll(async () => {
    mediaDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'allmende-logo-')), 'media');
    api = await createTestApi({ MEDIA_DIR: mediaDir });
    await buildMember(api, { email: 'hof@example.org', displayName: 'Hof Eiche', roles: ['member', 'producer'], password });
    producer = api.client();
    const login = await producer.graphql(`mutation($input: LoginInput!) { login(input: $input) { __typename } }`, {
      input: { email: 'hof@example.org', password },
    });
    expect(login.data?.login.__typename).toBe('MutationLoginSuccess');
  });
  afterAll(async () => {
    await api.close();
    rmSync(path.dirname(mediaDir), { recursive: true, force: true });
  });

  it('refuses a logo address in the profile', async () => {
    const result = await producer.graphql(updateProfile, { input: { name: 'Hof Eiche', logoUrl: 'https://tracker.example.com/logo.png' } });
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.message).toMatch(/logoUrl/);
  });

  it('names only the uploaded logo on this server', async () => {
    // Without a postcode, as the dashboard sends a profile whose postcode field is empty.
    const created = await producer.graphql(updateProfile, { input: { name: 'Hof Eiche', postcode: null } });
    expect(created.data?.updateProducerProfile.data).toMatchObject({ logoUrl: null, logo: null });

    const image = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#2f5d50' } }).png().toBuffer();
    const uploaded = await producer.upload(setLogo, {}, { file: new File([image], 'logo.png') });
    const profile = uploaded.data?.setProducerLogo.data;
    expect(profile.logo.url).toMatch(/^\/media\/[0-9a-f-]{36}-display\.webp$/);
    expect(profile.logoUrl).toBe(profile.logo.url);
  });
});
