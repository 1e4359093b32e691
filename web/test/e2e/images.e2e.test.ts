import sharp from 'sharp';
import { screenshot, useAppInBrowser } from './support';

const producer = { email: 'martin@demo.allmende.coop' };

const { newPage } = useAppInBrowser();

/** A landscape photo stand-in: a warm gradient as JPEG. */
async function photo(): Promise<Buffer> {
  const width = 960;
  const height = 640;
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 3;
      raw[offset] = 200 + (x * 55) / width;
      raw[offset + 1] = 120 + (y * 100) / height;
      raw[offset + 2] = 60;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg().toBuffer();
}

describe('offer images in the browser', () => {
  it('a producer uploads an image in the dashboard and the offer page shows it', async () => {
    const page = await newPage({ email: producer.email });
    await page.getByTestId('nav-dashboard').click();
    await page.getByRole('heading', { level: 1, name: 'Meine Angebote' }).waitFor();
    await page.getByRole('button', { name: /^Bearbeiten/ }).first().click();
    const title = await page.getByLabel('Titel', { exact: true }).inputValue();
    // Every demo offer comes with its illustration as the cover; the upload goes after it.
    await page.getByTestId('offer-image').first().waitFor();
    const imagesBefore = await page.getByTestId('offer-image').count();

    const input = page.getByTestId('offer-image-input');
    await input.setInputFiles([
      { name: 'hof.jpg', mimeType: 'image/jpeg', buffer: await photo() },
      { name: 'notizen.png', mimeType: 'image/png', buffer: Buffer.from('Das ist kein Bild, nur Text.') },
    ]);
    await page.getByTestId('offer-image').nth(imagesBefore).waitFor();
    // The text file is refused by its bytes, with a message next to its name.
    const refusal = page.getByTestId('upload-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('kein JPEG-, PNG- oder WebP-Bild');
    expect(await page.getByTestId('offer-image').count()).toBe(imagesBefore + 1);
    await page.getByTestId('offer-image').last().locator('img').evaluate((image: HTMLImageElement) => image.decode());
    await screenshot(page, 'images-dashboard-upload');

    await page.goto('/dashboard');
    await page.getByRole('link', { name: title }).first().click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const gallery = page.getByTestId('gallery-image');
    await gallery.waitFor();
    await page.getByRole('button', { name: `Bild ${imagesBefore + 1} zeigen` }).click();
    expect(await gallery.getAttribute('alt')).toBe(`${title} (Bild ${imagesBefore + 1} von ${imagesBefore + 1})`);
    const size = await gallery.evaluate(async (image: HTMLImageElement) => {
      await image.decode();
      return { width: image.naturalWidth, height: image.naturalHeight };
    });
    expect(size).toEqual({ width: 960, height: 640 });
    await screenshot(page, 'images-offer-page');

    // The marketplace card shows the image as its thumbnail.
    await page.goto('/');
    const card = page.locator('.offer-card', { hasText: title }).getByTestId('offer-card-image');
    await card.waitFor();
    expect(await card.getAttribute('src')).toMatch(/^\/media\/[0-9a-f-]{36}-thumb\.webp$/);
  });
});
