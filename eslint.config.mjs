import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

/** Server-side layers the browser must never bundle (docs: README, Architecture). */
const SERVER_ONLY = ['@/lib/gateway', '@/lib/gateway/*', '@/lib/sources', '@/lib/sources/*', '@/lib/mock', '@/lib/mock/*', '@/lib/http', '@/lib/http/*'];
/** Protocol modules that carry zod schemas: the browser takes types from them, values from the zod-free modules. */
const ZOD_PROTOCOL = ['@/lib/protocol', '@/lib/protocol/index', '@/lib/protocol/client-frames', '@/lib/protocol/params', '@/lib/protocol/floor', '@/lib/protocol/token-claims', '@/lib/protocol/alarm-query'];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    // Browser code: components and the store. Checked by tests/lint/import-boundaries.test.ts.
    files: ['components/**/*.{ts,tsx}', 'lib/store/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ZOD_PROTOCOL.map((name) => ({
            name,
            allowTypeImports: true,
            message: 'Import values from the zod-free protocol modules (alarm, channels, identity, errors, events); this one bundles zod.',
          })),
          patterns: [
            {
              group: [...SERVER_ONLY, '@/lib/server', '@/lib/server/*', '@/lib/runtime', '@/lib/runtime/*', '../gateway/*', '../sources/*', '../mock/*', '../server/*', '../http/*', '../runtime/*'],
              message: 'Browser code must not import the gateway, sources, mock, server, runtime or machine API.',
            },
            { group: ['zod', 'zod/*'], message: 'Browser code must not bundle zod; parse with the zod-free protocol modules.' },
          ],
        },
      ],
    },
  },
  {
    // Routes are server components: they may read the configuration, never the gateway's parts or the mock.
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: SERVER_ONLY, message: 'Routes must not import the gateway, sources, mock or machine API.' }] }],
    },
  },
  {
    // The machine API never draws, and reaches the mock only through the services the composition root hands it.
    files: ['lib/http/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'next/*', '@/components/*', '../../components/*'], message: 'The gateway never imports React, Next or components.' },
            { group: ['@/lib/mock', '@/lib/mock/*', '../mock', '../mock/*'], message: 'Only the composition root (lib/server) knows the mock.' },
          ],
        },
      ],
    },
  },
  {
    // The gateway and the sources never draw and never play the mock: the composition root (lib/server) wires it.
    // (Their tests may take the mock's floor as a fixture; they still never draw.)
    files: ['lib/gateway/**/*.ts', 'lib/sources/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'next/*', '@/components/*', '../../components/*'], message: 'The gateway never imports React, Next or components.' },
            { group: ['@/lib/mock', '@/lib/mock/*', '../mock', '../mock/*', '../../mock', '../../mock/*', '../../lib/mock/*'], message: 'Only the composition root (lib/server) knows the mock.' },
            { group: ['@/lib/server', '@/lib/server/*', '../server', '../server/*', '../../server/*'], message: 'The composition root imports the layers, not the other way: logger, metrics and config types are in lib/runtime.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/gateway/**/*.test.ts', 'lib/sources/**/*.test.ts', 'lib/sources/test-support/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['react', 'react-dom', 'react/*', 'next/*', '@/components/*', '../../components/*'], message: 'The gateway never imports React, Next or components.' }] },
      ],
    },
  },
  {
    // lib/runtime is a leaf: logger, metrics and configuration, importing nothing of ours.
    files: ['lib/runtime/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/*', '../*', 'react', 'next/*'], message: 'lib/runtime is a leaf: it imports nothing of ours.' }] },
      ],
    },
  },
  {
    files: ['lib/protocol/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/*', '../*', 'react', 'next/*'], message: 'lib/protocol is the meeting point: it imports nothing of ours.' }] },
      ],
    },
  },
  { ignores: ['.next/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'next-env.d.ts', 'data/**'] },
];

export default config;
