import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createTestApi, type ApiClient, type TestApi } from './support/api';
import { createGraphQLHandler } from '../src/server';
import { PrismaClient } from '../../prisma/generated/client/client';
import { buildMember } from './support/builders';

const password = 'richtig-geheim-42';
const uploadBytesMax = 200_000;
const uploadPixelsMax = 4_000_000;

const loginMutation = `mutation Login($input: LoginInput!) { login(input: $input) { __typename } }`;
const imageFields = `id url thumbnailUrl width height position alt`;

const createOfferMutation = `mutation Create($input: OfferInput!) {
  createOffer(input: $input, publish: true) { __typename ... on MutationCreateOfferSuccess { data { id } } }
}`;

const addImageMutation = `mutation Add($offerId: ID!, $file: File!) {
  addOfferImage(offerId: $offerId, file: $file) {
    __typename
    ... on MutationAddOfferImageSuccess { data { images { ${imageFields} } } }
    ... on ImageTooLargeError { limit maximum }
    ... on TooManyImagesError { maximum }
    ... on Error { code }
  }
}`;

const removeImageMutation = `mutation Remove($id: ID!) {
  removeOfferImage(id: $id) {
    __typename
    ... on MutationRemoveOfferImageSuccess { data { images { ${imageFields} } } }
    ... on Error { code }
  }
}`;

const reorderMutation = `mutation Reorder($offerId: ID!, $imageIds: [ID!]!) {
  reorderOfferImages(offerId: $offerId, imageIds: $imageIds) {
    __typename
    ... on MutationReorderOfferImagesSuccess { data { images { id position } } }
    ... on Error { code }
  }
}`;

const setLogoMutation = `mutation Logo($file: File!) {
  setProducerLogo(file: $file) {
    __typename
    ... on MutationSetProducerLogoSuccess { data { logo { url thumbnailUrl width height alt } } }
    ... on Error { code }
  }
}`;

const removeLogoMutation = `mutation { removeProducerLogo { __typename ... on MutationRemoveProducerLogoSuccess { data { logo { url } } } } }`;

interface Image {
  id: string;
  url: string;
  thumbnailUrl: string;
  width: number;
  height: number;
  position: number;
  alt: string;
}

/** A test image: a colour gradient, or random noise that no encoder can make small. */
async function makeImage(
  format: 'jpeg' | 'png' | 'webp',
  width: number,
  height: number,
  options: { orientation?: number; noise?: boolean } = {},
): Promise<File> {
  const raw = options.noise ? randomBytes(width * height * 3) : Buffer.alloc(width * height * 3);
  for (let y = 0; y < height && !options.noise; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      raw[offset] = (x * 255) / width;
      raw[offset + 1] = (y * 255) / height;
      raw[offset + 2] = 128;
    }
  }
  let image = sharp(raw, { raw: { width, height, channels: 3 } });
  if (options.orientation) image = image.withMetadata({ orientation: options.orientation });
  const data = await image.toFormat(format).toBuffer();
  // The claimed name and type are deliberately misleading: only the bytes may decide.
  return new File([data], 'upload.gif', { type: 'application/octet-stream' });
}

describe('offer images and producer logos', () => {
  let api: TestApi;
  let mediaDir: string;
  let farmer: ApiClient;
  let baker: ApiClient;

  async function logIn(email: string): Promise<ApiClient> {
    const client = api.client();
    const result = await client.graphql(loginMutation, { input: { email, password } });
    expect(result.data?.login.__typename).toBe('MutationLoginSuccess');
    return client;
  }

  async function createOffer(client: ApiClient, title: string): Promise<string> {
    const result = await client.graphql(createOfferMutation, {
      input: { title, categoryCode: 'food.fruit', kind: 'good', price: '2.90', unit: 'kg' },
    });
    expect(result.data?.createOffer.__typename).toBe('MutationCreateOfferSuccess');
    return result.data?.createOffer.data.id as string;
  }

  async function add(client: ApiClient, targetOfferId: string, file: Blob) {
    const result = await client.upload(addImageMutation, { offerId: targetOfferId }, { file });
    expect(result.errors).toBeUndefined();
    return result.data?.addOfferImage as { __typename: string; code?: string; data?: { images: Image[] }; limit?: string; maximum?: number };
  }

  /** A new offer of the farmer with the given number of small images. */
  async function offerWithImages(title: string, count: number): Promise<string> {
    const id = await createOffer(farmer, title);
    for (let index = 0; index < count; index += 1) {
      expect((await add(farmer, id, await makeImage('webp', 40 + index, 30))).__typename).toBe('MutationAddOfferImageSuccess');
    }
    return id;
  }

  async function imageCount(targetOfferId: string): Promise<number> {
    const { rowIdOf } = await import('../src/shared/global-id');
    return api.database.prisma.offerImage.count({ where: { offerId: rowIdOf(targetOfferId, ['Offer']) ?? '' } });
  }

  function mediaFiles(): string[] {
    return existsSync(mediaDir) ? readdirSync(mediaDir).sort() : [];
  }

  function fileOf(url: string): string {
    return path.join(mediaDir, path.basename(url));
  }

  beforeAll(async () => {
    mediaDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'allmende-media-')), 'media');
    api = await createTestApi({ MEDIA_DIR: mediaDir, UPLOAD_MAX_BYTES: String(uploadBytesMax), UPLOAD_MAX_PIXELS: String(uploadPixelsMax) });
    await buildMember(api, { email: 'farmer@example.org', displayName: 'Hof Linde', roles: ['member', 'producer'], password });
    await buildMember(api, { email: 'baker@example.org', displayName: 'Backstube', roles: ['member', 'producer'], password });
    farmer = await logIn('farmer@example.org');
    baker = await logIn('baker@example.org');
  });
  afterAll(async () => {
    await api.close();
    rmSync(path.dirname(mediaDir), { recursive: true, force: true });
  });

  it('accepts JPEG, PNG and WebP judged by their bytes, and writes upright WebP variants without metadata', async () => {
    const offerId = await createOffer(farmer, 'Äpfel, Boskoop');
    // A landscape JPEG whose EXIF orientation 6 says "rotate by 90°": it must come out portrait.
    const jpeg = await add(farmer, offerId, await makeImage('jpeg', 1600, 1000, { orientation: 6 }));
    expect(jpeg.__typename).toBe('MutationAddOfferImageSuccess');
    const [first] = jpeg.data?.images ?? [];
    expect(first).toMatchObject({ position: 0, width: 750, height: 1200, alt: 'Äpfel, Boskoop' });
    expect(first?.url).toMatch(/^\/media\/[0-9a-f-]{36}-display\.webp$/);
    expect(first?.thumbnailUrl).toMatch(/^\/media\/[0-9a-f-]{36}-thumb\.webp$/);

    const display = await sharp(fileOf(first?.url ?? '')).metadata();
    expect(display).toMatchObject({ format: 'webp', width: 750, height: 1200 });
    expect(display.exif).toBeUndefined();
    expect(display.orientation).toBeUndefined();
    const thumbnail = await sharp(fileOf(first?.thumbnailUrl ?? '')).metadata();
    expect(thumbnail).toMatchObject({ format: 'webp', width: 250, height: 400 });

    const png = await add(farmer, offerId, await makeImage('png', 300, 200));
    expect(png.__typename).toBe('MutationAddOfferImageSuccess');
    // Small images are not enlarged.
    expect(png.data?.images[1]).toMatchObject({ position: 1, width: 300, height: 200 });
    const webp = await add(farmer, offerId, await makeImage('webp', 500, 500));
    expect(webp.data?.images.map((image) => image.position)).toEqual([0, 1, 2]);
    expect(await imageCount(offerId)).toBe(3);
  });

  it('refuses a text file named .png, other formats, too many bytes and too many pixels, changing nothing', async () => {
    const offerId = await offerWithImages('Kirschen', 1);
    const before = await imageCount(offerId);
    const filesBefore = mediaFiles();

    const text = await add(farmer, offerId, new File(['just some notes, not a picture'], 'photo.png', { type: 'image/png' }));
    expect(text).toMatchObject({ __typename: 'ImageTypeNotSupportedError', code: 'image_type_not_supported' });
    const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#0a0' } }).gif().toBuffer();
    expect(await add(farmer, offerId, new File([gif], 'photo.jpg', { type: 'image/jpeg' }))).toMatchObject({ code: 'image_type_not_supported' });
    const truncated = (await makeImage('png', 400, 400)).slice(0, 200);
    expect(await add(farmer, offerId, truncated)).toMatchObject({ code: 'image_type_not_supported' });

    const big = await makeImage('png', 400, 400, { noise: true });
    expect(big.size).toBeGreaterThan(uploadBytesMax);
    expect(await add(farmer, offerId, big)).toMatchObject({ __typename: 'ImageTooLargeError', limit: 'bytes', maximum: uploadBytesMax });

    // A tiny file that would expand to 25 million pixels when decoded.
    const bomb = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#fff' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.length).toBeLessThan(uploadBytesMax);
    expect(await add(farmer, offerId, new File([bomb], 'bomb.png'))).toMatchObject({ __typename: 'ImageTooLargeError', limit: 'pixels' });

    expect(await imageCount(offerId)).toBe(before);
    expect(mediaFiles()).toEqual(filesBefore);
  });

  it('refuses anonymous uploads and uploads to another producer’s offer', async () => {
    const offerId = await offerWithImages('Pflaumen', 2);
    const image = await makeImage('png', 50, 50);
    const anonymous = await api.client().upload(addImageMutation, { offerId }, { file: image });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await add(baker, offerId, image)).toMatchObject({ __typename: 'NotOwnerError', code: 'not_owner' });

    const images = (await farmer.graphql(`query O($id: ID!) { offer(id: $id) { images { id } } }`, { id: offerId })).data?.offer.images;
    const removal = await baker.graphql(removeImageMutation, { id: images[0].id });
    expect(removal.data?.removeOfferImage.code).toBe('not_owner');
    const reorder = await baker.graphql(reorderMutation, { offerId, imageIds: images.map((each: { id: string }) => each.id) });
    expect(reorder.data?.reorderOfferImages.code).toBe('not_owner');
    expect(await imageCount(offerId)).toBe(2);
  });

  it('refuses new images and a new order for an archived offer, and still lets its images be removed', async () => {
    const offerId = await offerWithImages('Birnen', 2);
    const archived = await farmer.graphql(`mutation A($id: ID!) { setOfferStatus(id: $id, status: archived) { __typename } }`, { id: offerId });
    expect(archived.data?.setOfferStatus.__typename).toBe('MutationSetOfferStatusSuccess');
    expect(await add(farmer, offerId, await makeImage('png', 50, 50))).toMatchObject({ __typename: 'StatusTransitionError', code: 'invalid_status_transition' });
    const images = (await farmer.graphql(`query O($id: ID!) { offer(id: $id) { images { id } } }`, { id: offerId })).data?.offer.images;
    const reorder = await farmer.graphql(reorderMutation, { offerId, imageIds: images.map((each: { id: string }) => each.id).reverse() });
    expect(reorder.data?.reorderOfferImages.code).toBe('invalid_status_transition');
    // An archived offer's images are no longer anyone else's to look up by id.
    const nodeQuery = `query N($id: ID!) { node(id: $id) { id } }`;
    expect((await baker.graphql(nodeQuery, { id: images[1].id })).data?.node).toBeNull();
    expect((await farmer.graphql(nodeQuery, { id: images[1].id })).data?.node).toEqual({ id: images[1].id });
    const removal = await farmer.graphql(removeImageMutation, { id: images[0].id });
    expect(removal.data?.removeOfferImage.__typename).toBe('MutationRemoveOfferImageSuccess');
    expect(await imageCount(offerId)).toBe(1);
  });

  it('allows six images at most, also when two uploads race for the last place', async () => {
    const raceOfferId = await createOffer(farmer, 'Birnen');
    for (let index = 0; index < 5; index += 1) {
      expect((await add(farmer, raceOfferId, await makeImage('webp', 40 + index, 40))).__typename).toBe('MutationAddOfferImageSuccess');
    }
    const filesBefore = mediaFiles().length;
    const [left, right] = await Promise.all([
      add(farmer, raceOfferId, await makeImage('jpeg', 60, 40)),
      add(farmer, raceOfferId, await makeImage('jpeg', 40, 60)),
    ]);
    const outcomes = [left?.__typename, right?.__typename].sort();
    expect(outcomes).toEqual(['MutationAddOfferImageSuccess', 'TooManyImagesError']);
    expect(await imageCount(raceOfferId)).toBe(6);
    // The refused upload's files were removed again.
    expect(mediaFiles().length).toBe(filesBefore + 2);

    const seventh = await add(farmer, raceOfferId, await makeImage('png', 30, 30));
    expect(seventh).toMatchObject({ __typename: 'TooManyImagesError', code: 'too_many_images', maximum: 6 });
    expect(await imageCount(raceOfferId)).toBe(6);
  });

  it('keeps to six images when ten uploads to an empty offer arrive at once', async () => {
    const crowdedOfferId = await createOffer(farmer, 'Walnüsse');
    const files = await Promise.all(Array.from({ length: 10 }, (_, index) => makeImage('png', 30 + index, 30)));
    const outcomes = await Promise.all(files.map((file) => add(farmer, crowdedOfferId, file)));
    const succeeded = outcomes.filter((outcome) => outcome.__typename === 'MutationAddOfferImageSuccess');
    expect(succeeded).toHaveLength(6);
    expect(outcomes.filter((outcome) => outcome.__typename === 'TooManyImagesError')).toHaveLength(4);
    const positions = (await api.database.prisma.offerImage.findMany({ where: { offer: { title: 'Walnüsse' } }, select: { position: true } }))
      .map((image) => image.position)
      .sort();
    expect(positions).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('reorders the gallery and refuses an order that does not list every image once', async () => {
    const offerId = await offerWithImages('Mirabellen', 3);
    const before = (await farmer.graphql(`query O($id: ID!) { offer(id: $id) { images { id } } }`, { id: offerId })).data?.offer.images;
    const ids = before.map((image: { id: string }) => image.id) as string[];
    const reversed = [...ids].reverse();
    const result = await farmer.graphql(reorderMutation, { offerId, imageIds: reversed });
    expect(result.data?.reorderOfferImages.data.images).toEqual(reversed.map((id, position) => ({ id, position })));

    const incomplete = await farmer.graphql(reorderMutation, { offerId, imageIds: reversed.slice(1) });
    expect(incomplete.data?.reorderOfferImages.__typename).toBe('ValidationError');
    const twice = await farmer.graphql(reorderMutation, { offerId, imageIds: [reversed[0], ...reversed.slice(0, -1)] });
    expect(twice.data?.reorderOfferImages.__typename).toBe('ValidationError');
    const after = (await farmer.graphql(`query O($id: ID!) { offer(id: $id) { images { id } } }`, { id: offerId })).data?.offer.images;
    expect(after.map((image: { id: string }) => image.id)).toEqual(reversed);
  });

  it('removes an image with its files and closes the gap', async () => {
    const offerId = await offerWithImages('Renekloden', 3);
    const images = (await farmer.graphql(`query O($id: ID!) { offer(id: $id) { images { ${imageFields} } } }`, { id: offerId })).data?.offer
      .images as Image[];
    const [, middle] = images;
    expect(existsSync(fileOf(middle?.url ?? ''))).toBe(true);
    const result = await farmer.graphql(removeImageMutation, { id: middle?.id });
    expect(result.data?.removeOfferImage.__typename).toBe('MutationRemoveOfferImageSuccess');
    const remaining = result.data?.removeOfferImage.data.images as Image[];
    expect(remaining.map((image) => [image.id, image.position])).toEqual([
      [images[0]?.id, 0],
      [images[2]?.id, 1],
    ]);
    expect(existsSync(fileOf(middle?.url ?? ''))).toBe(false);
    expect(existsSync(fileOf(middle?.thumbnailUrl ?? ''))).toBe(false);
    expect(existsSync(fileOf(remaining[0]?.url ?? ''))).toBe(true);

    const again = await farmer.graphql(removeImageMutation, { id: middle?.id });
    expect(again.data?.removeOfferImage).toMatchObject({ __typename: 'NotFoundError', code: 'not_found' });
  });

  it('lists each offer’s images in the feed with as many SQL statements for 20 offers as for one', async () => {
    await offerWithImages('Quitten', 1);
    await offerWithImages('Mispeln', 2);
    await offerWithImages('Schlehen', 0);
    for (const title of ['Hagebutten', 'Holunder', 'Sanddorn']) await offerWithImages(title, 1);
    // A second client on the same database that reports every statement it sends.
    const counting = new PrismaClient({ adapter: api.database.adapterFactory, log: [{ emit: 'event', level: 'query' }] });
    let statements = 0;
    counting.$on('query', () => {
      statements += 1;
    });
    const handler = createGraphQLHandler({ ...api.services, prisma: counting });
    const feed = async (first: number) => {
      statements = 0;
      const response = await handler.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-allmende-csrf': '1' },
        body: JSON.stringify({ query: `{ offers(first: ${first}) { edges { node { title images { id thumbnailUrl alt } } } } }` }),
      });
      const body = (await response.json()) as { data: { offers: { edges: { node: { title: string; images: { id: string; alt: string }[] } }[] } } };
      return { edges: body.data.offers.edges, statements };
    };
    try {
      const one = await feed(1);
      const twenty = await feed(20);
      expect(one.edges).toHaveLength(1);
      expect(twenty.edges.length).toBeGreaterThanOrEqual(6);
      const byTitle = new Map(twenty.edges.map((edge) => [edge.node.title, edge.node.images]));
      expect(byTitle.get('Quitten')).toHaveLength(1);
      expect(byTitle.get('Mispeln')).toHaveLength(2);
      expect(byTitle.get('Schlehen')).toEqual([]);
      // Listed images take their alt text from the offer's row; one reached by its id loads it.
      expect(byTitle.get('Mispeln')?.map((image) => image.alt)).toEqual(['Mispeln', 'Mispeln']);
      const imageId = byTitle.get('Quitten')?.[0]?.id;
      const node = await farmer.graphql(`query Node($id: ID!) { node(id: $id) { ... on OfferImage { alt position } } }`, { id: imageId });
      expect(node.data?.node).toEqual({ alt: 'Quitten', position: 0 });
      // The count is only meaningful when statements are seen at all.
      expect(one.statements).toBeGreaterThan(0);
      expect(twenty.statements).toBe(one.statements);
    } finally {
      await counting.$disconnect();
    }
  });

  it('sets, replaces and removes a producer logo, deleting the replaced files', async () => {
    const profile = await farmer.graphql(`mutation P($input: ProducerProfileInput!) { updateProducerProfile(input: $input) { __typename } }`, {
      input: { name: 'Hof Linde', postcode: '34117' },
    });
    expect(profile.data?.updateProducerProfile.__typename).toBe('MutationUpdateProducerProfileSuccess');
    const first = await farmer.upload(setLogoMutation, {}, { file: await makeImage('png', 600, 300) });
    expect(first.errors).toBeUndefined();
    expect(first.data?.setProducerLogo.__typename).toBe('MutationSetProducerLogoSuccess');
    const logo = first.data?.setProducerLogo.data.logo;
    expect(logo).toMatchObject({ width: 600, height: 300, alt: 'Hof Linde' });
    expect(existsSync(fileOf(logo.url))).toBe(true);

    const second = await farmer.upload(setLogoMutation, {}, { file: await makeImage('jpeg', 300, 300) });
    expect(second.data?.setProducerLogo.data.logo).toMatchObject({ width: 300, height: 300 });
    expect(existsSync(fileOf(logo.url))).toBe(false);
    expect(existsSync(fileOf(logo.thumbnailUrl))).toBe(false);

    const refused = await farmer.upload(setLogoMutation, {}, { file: new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.png') });
    expect(refused.data?.setProducerLogo.code).toBe('image_type_not_supported');

    const noProfile = await baker.upload(setLogoMutation, {}, { file: await makeImage('png', 60, 60) });
    expect(noProfile.data?.setProducerLogo).toMatchObject({ __typename: 'NotFoundError', code: 'not_found' });

    const removed = await farmer.graphql(removeLogoMutation);
    expect(removed.data?.removeProducerLogo.data.logo).toBeNull();
    expect(existsSync(fileOf(second.data?.setProducerLogo.data.logo.url))).toBe(false);
  });
});
