// Typed results of the cart, checkout and order mutations.
import { builder } from '../builder';
import {
  CartEmptyError,
  DeliveryOptionUnavailableError,
  OfferUnavailableError,
  OrderForbiddenError,
  OrderNotFoundError,
  OrderStatusError,
  OutOfStockError,
  OwnOfferError,
  PriceChangedError,
} from '../orders/errors';
import { ErrorInterface } from './errors';
import type { DeliveryOption } from '../../../prisma/generated/client/enums';
import { DeliveryOptionEnum } from './marketplace-enums';
import { OrderStatusEnum } from './order-enums';

builder.objectType(CartEmptyError, { name: 'CartEmptyError', interfaces: [ErrorInterface], isTypeOf: (value) => value instanceof CartEmptyError });

builder.objectType(OwnOfferError, {
  name: 'OwnOfferError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof OwnOfferError,
  fields: (t) => ({ offerId: t.globalID({ resolve: (error) => ({ type: 'Offer', id: error.offerId }) }) }),
});

builder.objectType(OfferUnavailableError, {
  name: 'OfferUnavailableError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof OfferUnavailableError,
  fields: (t) => ({
    offerId: t.globalID({ resolve: (error) => ({ type: 'Offer', id: error.offerId }) }),
    status: t.exposeString('status', { description: 'The offer status that prevents buying: draft, paused or archived.' }),
  }),
});

builder.objectType(PriceChangedError, {
  name: 'PriceChangedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof PriceChangedError,
  fields: (t) => ({
    offerId: t.globalID({ resolve: (error) => ({ type: 'Offer', id: error.offerId }) }),
    price: t.field({ type: 'Decimal', description: 'The current unit price.', resolve: (error) => error.price }),
  }),
});

builder.objectType(OutOfStockError, {
  name: 'OutOfStockError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof OutOfStockError,
  fields: (t) => ({
    offerId: t.globalID({ resolve: (error) => ({ type: 'Offer', id: error.offerId }) }),
    inStock: t.exposeInt('available', { description: 'Units in stock now.' }),
  }),
});

builder.objectType(DeliveryOptionUnavailableError, {
  name: 'DeliveryOptionUnavailableError',
  description: 'The chosen way of handing over an order is not one every offer of it has.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DeliveryOptionUnavailableError,
  fields: (t) => ({
    producerId: t.globalID({ resolve: (error) => ({ type: 'Member', id: error.producerId }) }),
    option: t.field({ type: DeliveryOptionEnum, resolve: (error) => error.option as DeliveryOption }),
    available: t.field({
      type: [DeliveryOptionEnum],
      description: 'The options every offer of this producer in the cart has; empty when they have none in common.',
      resolve: (error) => error.available as DeliveryOption[],
    }),
  }),
});

builder.objectType(OrderNotFoundError, { name: 'OrderNotFoundError', interfaces: [ErrorInterface], isTypeOf: (value) => value instanceof OrderNotFoundError });
builder.objectType(OrderForbiddenError, { name: 'OrderForbiddenError', interfaces: [ErrorInterface], isTypeOf: (value) => value instanceof OrderForbiddenError });

builder.objectType(OrderStatusError, {
  name: 'OrderStatusError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof OrderStatusError,
  fields: (t) => ({ status: t.field({ type: OrderStatusEnum, description: 'The state the order is in.', resolve: (error) => error.status }) }),
});
