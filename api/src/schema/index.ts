// Imports every type file and builds the schema. Nothing else belongs here.
import { builder } from '../builder';
import './scalars';
import './errors';
import './member';
import './offer';
import './cooperative';
import './wallet';
import './audit';

export const schema = builder.toSchema({ sortSchema: true });
