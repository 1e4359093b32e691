// Expected failures of the cart, checkout and order use cases, each a typed GraphQL result. Checkout
// reports the first problem it finds, in this order: empty cart, an offer that cannot be bought, a
// changed price, missing stock, a delivery option the offers do not have, then the ledger's refusal
// (not enough credit).
import { AppError } from '../errors';
import type { OrderStatus } from './order-status';

export class CartEmptyError extends AppError {
  readonly code = 'cart_empty';
  constructor() {
    super('The cart is empty.');
    this.name = 'CartEmptyError';
  }
}

export class OfferUnavailableError extends AppError {
  readonly code = 'offer_unavailable';
  constructor(
    readonly offerId: string,
    readonly status: string,
  ) {
    super(`The offer ${offerId} cannot be bought now: it is ${status}.`);
    this.name = 'OfferUnavailableError';
  }
}

export class OwnOfferError extends AppError {
  readonly code = 'own_offer';
  constructor(readonly offerId: string) {
    super('Producers cannot buy their own offers.');
    this.name = 'OwnOfferError';
  }
}

export class PriceChangedError extends AppError {
  readonly code = 'price_changed';
  constructor(
    readonly offerId: string,
    readonly price: string,
  ) {
    super(`The price of offer ${offerId} is now ${price}.`);
    this.name = 'PriceChangedError';
  }
}

export class OutOfStockError extends AppError {
  readonly code = 'out_of_stock';
  constructor(
    readonly offerId: string,
    readonly available: number,
  ) {
    super(`Only ${available} of offer ${offerId} are in stock.`);
    this.name = 'OutOfStockError';
  }
}

/** The buyer chose a way of handing over an order that not every offer of it has. */
export class DeliveryOptionUnavailableError extends AppError {
  readonly code = 'delivery_option_unavailable';
  constructor(
    readonly producerId: string,
    readonly option: string,
    readonly available: readonly string[],
  ) {
    super(`The offers of producer ${producerId} cannot be handed over by ${option}.`);
    this.name = 'DeliveryOptionUnavailableError';
  }
}

export class OrderNotFoundError extends AppError {
  readonly code = 'order_not_found';
  constructor() {
    super('No such order.');
    this.name = 'OrderNotFoundError';
  }
}

/** The member is not the party of the order who may make this move. */
export class OrderForbiddenError extends AppError {
  readonly code = 'order_forbidden';
  constructor() {
    super('Only the other party of this order can do this.');
    this.name = 'OrderForbiddenError';
  }
}

export class OrderStatusError extends AppError {
  readonly code = 'invalid_order_status';
  constructor(
    readonly status: OrderStatus,
    readonly action: string,
  ) {
    super(`An order that is ${status} cannot be ${action}.`);
    this.name = 'OrderStatusError';
  }
}
