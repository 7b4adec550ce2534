import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import prettier from 'eslint-config-prettier';

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  // Layout is Prettier's job (`npm run format`); ESLint keeps to correctness.
  prettier,
  {
    ignores: [
      'lib/generated/**',
      '.next*/**',
      'data/**',
      '.tmp/**',
      'test-results/**',
      'playwright-report/**',
      'next-env.d.ts',
    ],
  },
];

export default config;
