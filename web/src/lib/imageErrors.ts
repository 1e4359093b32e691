// Messages for the typed error results of image uploads, by their stable codes.
const imageErrorCodes = ['image_type_not_supported', 'image_too_large', 'too_many_images', 'not_found', 'not_owner', 'invalid_status_transition', 'validation_failed'] as const;

export type ImageErrorKey = `images.errors.${(typeof imageErrorCodes)[number] | 'unknown' | 'network'}`;

export function imageErrorKey(code: string): ImageErrorKey {
  return (imageErrorCodes as readonly string[]).includes(code) ? (`images.errors.${code}` as ImageErrorKey) : 'images.errors.unknown';
}

/** Megabytes with one decimal, for messages about the size limit. */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

/** The numbers that messages about the limits mention. */
export function limitParameters(limits: { bytesMax: number; pixelsMax: number } | null): { size: string; pixels: string } {
  return { size: megabytes(limits?.bytesMax ?? 0), pixels: String(Math.floor((limits?.pixelsMax ?? 0) / 1_000_000)) };
}
