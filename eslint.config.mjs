// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import { layersRule } from './eslint-rules/layers.mjs'

const electronOnlyInTheShell = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      paths: [
        {
          name: 'electron',
          message: 'Only the thin shell (src/main/index.ts, src/main/shell/, src/preload/index.ts) may import electron.',
          allowTypeImports: true
        }
      ]
    }
  ]
}

export default tseslint.config(
  { ignores: ['out/**', '**/*.tsbuildinfo', 'dist/**', 'node_modules/**', '.test-artifacts/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { cairn: { rules: { layers: layersRule } } },
    rules: {
      'cairn/layers': 'error',
      ...electronOnlyInTheShell,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always']
    }
  },
  {
    files: ['src/main/index.ts', 'src/main/shell/**', 'src/preload/index.ts', 'tests/electron/**'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules }
  },
  {
    files: ['scripts/**', 'bench/**', 'tests/**', 'src/cli/**'],
    rules: { 'no-console': 'off' }
  },
  {
    files: ['tests/e2e/**'],
    rules: { 'no-empty-pattern': 'off' }
  },
  {
    // CommonJS on purpose: loaded with `node -r` in front of a packaged entry.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
)
