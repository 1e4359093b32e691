import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// The API serves /graphql and /healthz on port 4000; in development Vite forwards them there so the
// session cookie stays first-party.
const apiOrigin = 'http://localhost:4000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    // @rules: the form rules the API parses its input with (zod only, no server code).
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)), '@rules': fileURLToPath(new URL('../api/src/shared/rules', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/graphql': apiOrigin,
      '/healthz': apiOrigin,
      // The open statistics' files; the page /statistics itself is the web app's.
      '^/statistics(\\.json|/)': apiOrigin,
    },
  },
});
