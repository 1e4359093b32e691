// Imports every type file and builds the schema. Nothing else belongs here.
import { builder } from '../builder';
import './scalars';
import './errors';
import './member';
import './marketplace-enums';
import './marketplace-errors';
import './category';
import './producer-profile';
import './offer';
import './image-errors';
import './offer-image';
import './producer-logo';
import './need';
import './notification';
import './cooperative';
import './wallet';
import './cart';
import './order';
import './sales-summary';
import './review';
import './order-message';
import './order-thread';
import './notification-settings';
import './audit';

export const schema = builder.toSchema({ sortSchema: true });
