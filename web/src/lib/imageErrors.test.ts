import { de } from '../i18n/de';
import { imageErrorKey, limitParameters, megabytes } from './imageErrors';

describe('image error messages', () => {
  it('names a message for every code the upload mutations return, and a fallback for others', () => {
    for (const code of ['image_type_not_supported', 'image_too_large', 'too_many_images', 'not_found', 'not_owner', 'invalid_status_transition', 'validation_failed']) {
      const key = imageErrorKey(code);
      expect(key).toBe(`images.errors.${code}`);
      expect(de.images.errors[key.slice('images.errors.'.length) as keyof typeof de.images.errors]).toBeTruthy();
    }
    expect(imageErrorKey('something_new')).toBe('images.errors.unknown');
  });

  it('states the limits in megabytes and megapixels', () => {
    expect(megabytes(8 * 1024 * 1024)).toBe('8.0');
    expect(limitParameters({ bytesMax: 1_572_864, pixelsMax: 40_000_000 })).toEqual({ size: '1.5', pixels: '40' });
    expect(limitParameters(null)).toEqual({ size: '0.0', pixels: '0' });
  });
});
