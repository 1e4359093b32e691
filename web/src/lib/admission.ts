// Pages only admitted members can use. An applicant (or a declined applicant) is logged in but every
// request of these pages would be refused with NOT_ADMITTED, so the app shows the membership status
// there instead. Public pages (the marketplace, offers, producers, needs, votes and transparency),
// the account page, the notifications (where the board's decision arrives) and the membership page
// stay open to them.
import { auditRouteNames } from './auditSections';

const pagesForAdmittedMembers = new Set([
  'wallet',
  ...auditRouteNames,
  'cart',
  'orders',
  'order',
  'disputes',
  'dashboard',
  'messages',
  'proposal-new',
  'proposal-edit',
  'board-applications',
  'board-register',
]);

export function needsAdmission(routeName: unknown): boolean {
  return typeof routeName === 'string' && pagesForAdmittedMembers.has(routeName);
}
