import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Each source folder may import only the folders to its left. DESIGN.md draws scenario/ first; it sits
 * after sampling/ here because loading a scenario reads its model and checks its distributions.
 */
const pipeline = [
  'diagnostics',
  'model',
  'compile',
  'runtime',
  'sampling',
  'scenario',
  'stats',
  'parallel',
  'experiment',
  'analysis',
  'report',
  'explore',
  'cli',
];

const layerRules = pipeline.map((folder, position) => {
  const later = pipeline.slice(position + 1);
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports':
        later.length === 0
          ? 'off'
          : [
              'error',
              {
                patterns: [
                  {
                    regex: `(^|/)(${later.join('|')})/`,
                    message: `src/${folder}/ may not import a later pipeline stage (${later.join(', ')}); see DESIGN.md`,
                  },
                ],
              },
            ],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'out/', 'coverage/', 'src/model/internal/mdl-parser.cjs'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  ...layerRules,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
  },
);
