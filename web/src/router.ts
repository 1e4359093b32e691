import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import type { Role } from '@/generated/graphql';
import HomePage from '@/pages/HomePage.vue';

declare module 'vue-router' {
  interface RouteMeta {
    /** Message key of the page title shown in the browser tab. */
    titleKey?: string;
    /** Only for members who are logged in: visitors go to the login page and come back after. */
    requiresLogin?: boolean;
    /** Only for members with one of these roles; others see a notice instead of the page. */
    roles?: Role[];
  }
}

/** Pages of the accountants' workspace: for accountants and admins, after logging in. */
function auditRoutes(pages: { path: string; name: string; component: RouteRecordRaw['component']; titleKey: string }[]): RouteRecordRaw[] {
  const roles: Role[] = ['accountant', 'admin'];
  return pages.map(({ path, name, component, titleKey }) => ({ path, name, component, meta: { titleKey, requiresLogin: true, roles } }) as RouteRecordRaw);
}

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomePage, meta: { titleKey: 'home.title' } },
  { path: '/login', name: 'login', component: () => import('@/pages/LoginPage.vue'), meta: { titleKey: 'auth.login.title' } },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/pages/RegisterPage.vue'),
    meta: { titleKey: 'auth.register.title' },
  },
  {
    path: '/password/forgot',
    name: 'password-forgot',
    component: () => import('@/pages/ForgotPasswordPage.vue'),
    meta: { titleKey: 'password.forgot.title' },
  },
  {
    path: '/password/reset',
    name: 'password-reset',
    component: () => import('@/pages/ResetPasswordPage.vue'),
    meta: { titleKey: 'password.reset.title' },
  },
  { path: '/account', name: 'account', component: () => import('@/pages/AccountPage.vue'), meta: { titleKey: 'account.title', requiresLogin: true } },
  { path: '/account/my-data', name: 'my-data', component: () => import('@/pages/MyDataPage.vue'), meta: { titleKey: 'myData.export.title', requiresLogin: true } },
  {
    path: '/account/leave',
    name: 'leave-cooperative',
    component: () => import('@/pages/LeaveCooperativePage.vue'),
    meta: { titleKey: 'myData.leave.title', requiresLogin: true },
  },
  {
    path: '/account/left',
    name: 'left-cooperative',
    component: () => import('@/pages/LeaveCooperativePage.vue'),
    props: { left: true },
    meta: { titleKey: 'myData.leave.title' },
  },
  { path: '/wallet', name: 'wallet', component: () => import('@/pages/WalletPage.vue'), meta: { titleKey: 'wallet.title', requiresLogin: true } },
  { path: '/audit', name: 'audit', component: () => import('@/pages/AuditPage.vue'), meta: { titleKey: 'audit.title', requiresLogin: true, roles: ['accountant', 'admin'] } },
  {
    path: '/audit/verification',
    name: 'audit-verification',
    component: () => import('@/pages/audit/AuditVerificationPage.vue'),
    meta: { titleKey: 'auditTools.verification.title', requiresLogin: true, roles: ['accountant'] },
  },
  {
    path: '/audit/exports',
    name: 'audit-exports',
    component: () => import('@/pages/audit/AuditExportsPage.vue'),
    meta: { titleKey: 'auditTools.exports.title', requiresLogin: true, roles: ['accountant'] },
  },
  {
    path: '/audit/periods',
    name: 'audit-periods',
    component: () => import('@/pages/audit/AuditPeriodsPage.vue'),
    meta: { titleKey: 'auditTools.periods.title', requiresLogin: true, roles: ['accountant'] },
  },
  {
    path: '/audit/log',
    name: 'audit-log',
    component: () => import('@/pages/audit/AuditLogPage.vue'),
    meta: { titleKey: 'auditTools.log.title', requiresLogin: true, roles: ['accountant'] },
  },
  // The accountants' workspace, read only: journal, a transfer, accounts, a statement, open holds, monthly figures.
  ...auditRoutes([
    { path: '/audit/journal', name: 'audit-journal', component: () => import('@/pages/audit/JournalPage.vue'), titleKey: 'auditWorkspace.journal.title' },
    { path: '/audit/journal/:id', name: 'audit-transfer', component: () => import('@/pages/audit/AuditTransferPage.vue'), titleKey: 'auditWorkspace.transfer.title' },
    { path: '/audit/accounts', name: 'audit-accounts', component: () => import('@/pages/audit/AuditAccountsPage.vue'), titleKey: 'auditWorkspace.accounts.title' },
    { path: '/audit/accounts/:id', name: 'audit-account', component: () => import('@/pages/audit/AuditAccountPage.vue'), titleKey: 'auditWorkspace.account.title' },
    { path: '/audit/holds', name: 'audit-holds', component: () => import('@/pages/audit/AuditHoldsPage.vue'), titleKey: 'auditWorkspace.holds.title' },
    { path: '/audit/summary', name: 'audit-summary', component: () => import('@/pages/audit/AuditSummaryPage.vue'), titleKey: 'auditWorkspace.summary.title' },
  ]),
  { path: '/cart', name: 'cart', component: () => import('@/pages/CartPage.vue'), meta: { titleKey: 'orders.cart.title', requiresLogin: true } },
  { path: '/orders', name: 'orders', component: () => import('@/pages/OrdersPage.vue'), meta: { titleKey: 'orders.orders.title', requiresLogin: true } },
  { path: '/orders/:id', name: 'order', component: () => import('@/pages/OrderPage.vue'), meta: { titleKey: 'messages.order.title', requiresLogin: true } },
  { path: '/disputes', name: 'disputes', component: () => import('@/pages/DisputesPage.vue'), meta: { titleKey: 'orders.disputes.title', requiresLogin: true, roles: ['admin'] } },
  { path: '/offers/:id', name: 'offer', component: () => import('@/pages/OfferPage.vue'), meta: { titleKey: 'market.offer.title' } },
  {
    path: '/producers/:id',
    name: 'producer',
    component: () => import('@/pages/ProducerPage.vue'),
    meta: { titleKey: 'market.producer.title' },
  },
  {
    path: '/dashboard',
    name: 'dashboard',
    component: () => import('@/pages/DashboardPage.vue'),
    meta: { titleKey: 'market.dashboard.title', requiresLogin: true, roles: ['producer'] },
  },
  {
    path: '/dashboard/challenges',
    name: 'dashboard-challenges',
    component: () => import('@/pages/ProducerChallengesPage.vue'),
    meta: { titleKey: 'challenges.producer.title', requiresLogin: true, roles: ['producer'] },
  },
  { path: '/needs/:needId?', name: 'needs', component: () => import('@/pages/NeedsPage.vue'), meta: { titleKey: 'market.needs.title' } },
  { path: '/messages', name: 'messages', component: () => import('@/pages/MessagesPage.vue'), meta: { titleKey: 'messages.inbox.title', requiresLogin: true } },
  {
    path: '/messages/members/:memberId',
    name: 'conversation',
    component: () => import('@/pages/ConversationPage.vue'),
    meta: { titleKey: 'messages.conversation.fallbackTitle', requiresLogin: true },
  },
  {
    path: '/notifications',
    name: 'notifications',
    component: () => import('@/pages/NotificationsPage.vue'),
    meta: { titleKey: 'market.notifications.title', requiresLogin: true },
  },
  // Governance: votes, the transparency page, membership and the board.
  { path: '/proposals', name: 'proposals', component: () => import('@/pages/ProposalsPage.vue'), meta: { titleKey: 'governance.list.title' } },
  { path: '/proposals/new', name: 'proposal-new', component: () => import('@/pages/ProposalFormPage.vue'), meta: { titleKey: 'governance.form.newTitle', requiresLogin: true } },
  { path: '/proposals/:id', name: 'proposal', component: () => import('@/pages/ProposalPage.vue'), meta: { titleKey: 'governance.list.title' } },
  { path: '/proposals/:id/edit', name: 'proposal-edit', component: () => import('@/pages/ProposalFormPage.vue'), meta: { titleKey: 'governance.form.editTitle', requiresLogin: true } },
  {
    path: '/proposals/:id/minutes',
    name: 'proposal-minutes',
    component: () => import('@/pages/ProposalMinutesPage.vue'),
    meta: { titleKey: 'governance.minutes.title' },
  },
  { path: '/ranking', name: 'ranking', component: () => import('@/pages/RankingDisclosurePage.vue'), meta: { titleKey: 'ranking.disclosure.title' } },
  { path: '/transparency', name: 'transparency', component: () => import('@/pages/TransparencyPage.vue'), meta: { titleKey: 'governance.transparency.title' } },
  { path: '/data-use', name: 'data-use', component: () => import('@/pages/DataUsePage.vue'), meta: { titleKey: 'dataUse.log.title', requiresLogin: true } },
  { path: '/data-use/request', name: 'data-use-request', component: () => import('@/pages/DataUseRequestPage.vue'), meta: { titleKey: 'dataUse.request.title' } },
  { path: '/data-use/verify', name: 'data-use-verify', component: () => import('@/pages/DataUseVerifyPage.vue'), meta: { titleKey: 'dataUse.verify.title' } },
  { path: '/statistics', name: 'statistics', component: () => import('@/pages/StatisticsPage.vue'), meta: { titleKey: 'statistics.title' } },
  { path: '/privacy', name: 'privacy', component: () => import('@/pages/PrivacyPage.vue'), meta: { titleKey: 'privacy.title' } },
  { path: '/membership', name: 'membership', component: () => import('@/pages/MembershipPage.vue'), meta: { titleKey: 'governance.membership.title', requiresLogin: true } },
  { path: '/board', redirect: { name: 'board-applications' } },
  {
    path: '/board/challenges',
    name: 'board-challenges',
    component: () => import('@/pages/BoardChallengesPage.vue'),
    meta: { titleKey: 'challenges.board.title', requiresLogin: true, roles: ['admin'] },
  },
  {
    path: '/board/applications',
    name: 'board-applications',
    component: () => import('@/pages/BoardApplicationsPage.vue'),
    meta: { titleKey: 'governance.board.applications.title', requiresLogin: true, roles: ['admin'] },
  },
  {
    path: '/board/register',
    name: 'board-register',
    component: () => import('@/pages/BoardRegisterPage.vue'),
    meta: { titleKey: 'governance.board.register.title', requiresLogin: true, roles: ['admin'] },
  },
  {
    path: '/board/surplus',
    name: 'board-surplus',
    component: () => import('@/pages/BoardSurplusPage.vue'),
    meta: { titleKey: 'surplus.board.title', requiresLogin: true, roles: ['admin'] },
  },
  {
    path: '/wallet/surplus/:period',
    name: 'surplus-share',
    component: () => import('@/pages/SurplusSharePage.vue'),
    meta: { titleKey: 'surplus.wallet.title', requiresLogin: true },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/pages/NotFoundPage.vue'),
    meta: { titleKey: 'notFound.title' },
  },
];

export const router = createRouter({
  history: createWebHistory(),
  routes,
  scrollBehavior: (_to, _from, savedPosition) => savedPosition ?? { top: 0 },
});
