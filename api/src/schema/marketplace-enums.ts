import { builder } from '../builder';
import { DeliveryOption, EcologicalAttribute, OfferStatus } from '../../../prisma/generated/client/enums';

export const DeliveryOptionEnum = builder.enumType(DeliveryOption, { name: 'DeliveryOption' });
export const EcologicalAttributeEnum = builder.enumType(EcologicalAttribute, { name: 'EcologicalAttribute' });
export const OfferStatusEnum = builder.enumType(OfferStatus, { name: 'OfferStatus' });
