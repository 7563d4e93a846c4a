// @ts-check
const pluginVue = require('eslint-plugin-vue')
const { defineConfigWithVueTs, vueTsConfigs } = require('@vue/eslint-config-typescript')
const globals = require('globals')

module.exports = defineConfigWithVueTs(
  { ignores: ['.tmp/**', 'out/**', 'dist/**', 'node_modules/**', 'resources/**', 'test-results/**', 'playwright-report/**'] },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'vue/multi-word-component-names': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  {
    files: ['scripts/**/*.mjs', '*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
)
