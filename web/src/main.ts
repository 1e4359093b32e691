import urql, { cacheExchange, Client, fetchExchange } from '@urql/vue';
import { createApp } from 'vue';
import App from '@/App.vue';
import { i18n } from '@/i18n';
import { installLoginGuard } from '@/lib/loginGuard';
import { router } from '@/router';
import '@/styles/main.css';
import '@/styles/market.css';

// The one GraphQL client of the app. The session is an HTTP-only cookie sent on same-origin
// requests; the server refuses requests without the CSRF header, which a cross-site form cannot set.
const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  // POST for everything: answers depend on the session cookie and must not be cached as GET URLs.
  preferGetMethod: false,
  fetchOptions: () => ({
    credentials: 'same-origin',
    headers: { 'x-allmende-csrf': '1' },
  }),
});

installLoginGuard(router, client);
createApp(App).use(i18n).use(router).use(urql, client).mount('#app');
