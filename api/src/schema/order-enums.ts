import { builder } from '../builder';
import { OrderStatus } from '../../../prisma/generated/client/enums';

export const OrderStatusEnum = builder.enumType(OrderStatus, { name: 'OrderStatus', description: 'See the state machine in api/src/orders/order-status.ts.' });

export const DisputeOutcomeEnum = builder.enumType('DisputeOutcome', {
  values: {
    pay_producer: { description: 'The whole hold goes to the producer (minus the contribution).' },
    partial_refund: { description: 'amountToProducer goes to the producer (minus the contribution), the rest back to the buyer.' },
    refund_buyer: { description: 'The hold is voided: the buyer keeps everything.' },
  } as const,
});
