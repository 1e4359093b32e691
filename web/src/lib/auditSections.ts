// The parts of the accountants' workspace, in the order of its sub-navigation. Each is a route under
// /audit with a message key for its link; a new part of the workspace adds a line here.
export interface AuditSection {
  route: string;
  labelKey: string;
  testId: string;
  /** Only accountants use it (verification, exports, period close, the audit log); the board reads the rest. */
  accountantsOnly?: boolean;
}

export const auditSections: AuditSection[] = [
  { route: 'audit', labelKey: 'auditWorkspace.nav.overview', testId: 'audit-nav-overview' },
  { route: 'audit-journal', labelKey: 'auditWorkspace.nav.journal', testId: 'audit-nav-journal' },
  { route: 'audit-accounts', labelKey: 'auditWorkspace.nav.accounts', testId: 'audit-nav-accounts' },
  { route: 'audit-holds', labelKey: 'auditWorkspace.nav.holds', testId: 'audit-nav-holds' },
  { route: 'audit-summary', labelKey: 'auditWorkspace.nav.summary', testId: 'audit-nav-summary' },
  { route: 'audit-verification', labelKey: 'auditTools.nav.verification', testId: 'audit-nav-verification', accountantsOnly: true },
  { route: 'audit-exports', labelKey: 'auditTools.nav.exports', testId: 'audit-nav-exports', accountantsOnly: true },
  { route: 'audit-periods', labelKey: 'auditTools.nav.periods', testId: 'audit-nav-periods', accountantsOnly: true },
  { route: 'audit-log', labelKey: 'auditTools.nav.log', testId: 'audit-nav-log', accountantsOnly: true },
];

/** The routes of the workspace: every section and the pages they open (a transfer, an account). */
export const auditRouteNames = [...auditSections.map((section) => section.route), 'audit-transfer', 'audit-account'];
