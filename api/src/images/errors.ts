// Expected failures of image uploads, in the order they are checked: the file must be small enough,
// be one of the accepted formats judged by its bytes, not be too large in pixels, and fit into the
// offer's gallery. None of them changes anything.
import { AppError } from '../errors';

/** Accepted image formats, as sharp names them after reading the file's bytes. */
export const imageFormats = ['jpeg', 'png', 'webp'] as const;

export class ImageTypeNotSupportedError extends AppError {
  readonly code = 'image_type_not_supported';
  readonly accepted = [...imageFormats];
  constructor() {
    super('Only JPEG, PNG and WebP images can be uploaded.');
    this.name = 'ImageTypeNotSupportedError';
  }
}

export class ImageTooLargeError extends AppError {
  readonly code = 'image_too_large';
  constructor(
    readonly limit: 'bytes' | 'pixels',
    readonly maximum: number,
  ) {
    super(limit === 'bytes' ? `An image may have at most ${maximum} bytes.` : `An image may have at most ${maximum} pixels.`);
    this.name = 'ImageTooLargeError';
  }
}

export class TooManyImagesError extends AppError {
  readonly code = 'too_many_images';
  constructor(readonly maximum: number) {
    super(`An offer may have at most ${maximum} images.`);
    this.name = 'TooManyImagesError';
  }
}
