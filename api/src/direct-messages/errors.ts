// Expected failures of direct messages, checked in this order: the recipient is not the author
// (OwnConversationError), and is an admitted member (the wallet's RecipientNotFoundError, which means
// the same there).
import { AppError } from '../errors';

export class OwnConversationError extends AppError {
  readonly code = 'own_conversation';
  constructor() {
    super('Members cannot write to themselves.');
    this.name = 'OwnConversationError';
  }
}
