import { builder } from '../builder';
import { ImageTooLargeError, ImageTypeNotSupportedError, TooManyImagesError } from '../images/errors';
import { ErrorInterface } from './errors';

builder.scalarType('File', {
  description: 'A file sent as a part of a GraphQL multipart request. Input only.',
  serialize: () => {
    throw new Error('File is an input-only scalar.');
  },
});

builder.objectType(ImageTypeNotSupportedError, {
  name: 'ImageTypeNotSupportedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ImageTypeNotSupportedError,
  fields: (t) => ({
    accepted: t.exposeStringList('accepted', { description: 'The accepted formats: jpeg, png, webp.' }),
  }),
});

builder.objectType(ImageTooLargeError, {
  name: 'ImageTooLargeError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ImageTooLargeError,
  fields: (t) => ({
    limit: t.exposeString('limit', { description: 'bytes (file size) or pixels (width times height).' }),
    maximum: t.exposeInt('maximum'),
  }),
});

builder.objectType(TooManyImagesError, {
  name: 'TooManyImagesError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof TooManyImagesError,
  fields: (t) => ({
    maximum: t.exposeInt('maximum'),
  }),
});
