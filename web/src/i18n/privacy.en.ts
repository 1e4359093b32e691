// The privacy page: its frame; what is stored, why and how long comes from the API.
import type { privacyDe } from './privacy.de';

export const privacyEn: typeof privacyDe = {
  nav: 'Privacy',
  title: 'What we store about you',
  intro:
    'This page is generated from the database schema itself: every stored field about a person says what it is, why it is kept, how long and who sees it. There are no ads and no tracking, and the app loads nothing from other servers.',
  what: 'What',
  purpose: 'Why',
  retention: 'How long',
  audiences: 'Who sees it',
  fields: 'Stored fields',
  areas: {
    account: 'Account and membership',
    marketplace: 'Marketplace',
    orders: 'Orders and reviews',
    messages: 'Messages',
    governance: 'Self-government',
    money: 'Taler account and surplus',
    administration: 'Administration and audit',
  },
  audience: {
    self: 'you',
    counterparty: 'the other party',
    members: 'members',
    public: 'everyone, without logging in',
    board: 'the board',
    accountants: 'the accountants',
    nobody: 'nobody',
  },
  rights: {
    title: 'Download or erase your data',
    export: 'On "My data" you download everything we store about you as one file.',
    exportLink: 'Download my data',
    leave: 'When you leave, your personal data is erased; what says "under a pseudonym" above stays without your name.',
    leaveLink: 'Leave the cooperative',
    statistics: 'The open statistics publish only figures that describe at least as many members as the data policy asks.',
  },
};
