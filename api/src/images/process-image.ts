// Checks an uploaded image and renders its two WebP variants. The format is judged from the bytes
// (sharp reads the header), never from the file name or the MIME type the browser claims. Rendering
// turns the image upright by its EXIF orientation and drops all metadata, so GPS positions and camera
// details never leave the producer's device through us.
import sharp, { type Metadata } from 'sharp';
import { ImageTooLargeError, ImageTypeNotSupportedError, imageFormats } from './errors';
import { imageVariants, type ImageVariant } from './media-files';

export interface ImageLimits {
  bytesMax: number;
  pixelsMax: number;
}

/** The part of a WHATWG File or Blob that processing needs. */
export interface UploadedFile {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ProcessedImage {
  files: Record<ImageVariant, Buffer>;
  /** Size of the display variant. */
  width: number;
  height: number;
}

const webpQuality = 82;

function isAcceptedFormat(format: string | undefined): boolean {
  return (imageFormats as readonly string[]).includes(format ?? '');
}

export async function processImage(file: UploadedFile, limits: ImageLimits): Promise<ProcessedImage> {
  if (file.size > limits.bytesMax) throw new ImageTooLargeError('bytes', limits.bytesMax);
  const input = Buffer.from(await file.arrayBuffer());
  if (input.length > limits.bytesMax) throw new ImageTooLargeError('bytes', limits.bytesMax);

  let metadata: Metadata;
  try {
    metadata = await sharp(input).metadata();
  } catch {
    throw new ImageTypeNotSupportedError();
  }
  if (!isAcceptedFormat(metadata.format)) throw new ImageTypeNotSupportedError();
  // Only the header has been read so far: refuse huge dimensions before anything is decoded.
  if (metadata.width * metadata.height > limits.pixelsMax) throw new ImageTooLargeError('pixels', limits.pixelsMax);

  const render = async (variant: ImageVariant) => {
    const edge = imageVariants[variant].edgePixelsMax;
    return sharp(input, { limitInputPixels: limits.pixelsMax, animated: false })
      .rotate()
      .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: webpQuality })
      .toBuffer({ resolveWithObject: true });
  };
  try {
    const [display, thumbnail] = await Promise.all([render('display'), render('thumbnail')]);
    return { files: { display: display.data, thumbnail: thumbnail.data }, width: display.info.width, height: display.info.height };
  } catch {
    // A header that parses but a body that does not decode is as unusable as a foreign format.
    throw new ImageTypeNotSupportedError();
  }
}
