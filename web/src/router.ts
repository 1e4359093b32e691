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
  { path: '/wallet', name: 'wallet', component: () => import('@/pages/WalletPage.vue'), meta: { titleKey: 'wallet.title', requiresLogin: true } },
  { path: '/audit', name: 'audit', component: () => import('@/pages/AuditPage.vue'), meta: { titleKey: 'audit.title', requiresLogin: true, roles: ['accountant', 'admin'] } },
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
  { path: '/membership', name: 'membership', component: () => import('@/pages/MembershipPage.vue'), meta: { titleKey: 'governance.membership.title', requiresLogin: true } },
  { path: '/board', redirect: { name: 'board-applications' } },
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
