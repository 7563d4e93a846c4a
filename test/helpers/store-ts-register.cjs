/**
 * Lets a plain Node child process require the TypeScript sources directly: each `.ts` file is
 * transpiled (types stripped, ES modules to CommonJS) with the project's own TypeScript when
 * it is first required. Extension-less imports resolve because Node tries every registered
 * extension. For test helpers only; no type checking happens here.
 */
// Plain CommonJS run by Node itself (no bundler, no TypeScript), so require is the way to load.
/* eslint-disable @typescript-eslint/no-require-imports */
const { readFileSync } = require('node:fs')
const ts = require('typescript')

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true }
  })
  module._compile(outputText, filename)
}
