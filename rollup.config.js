// The single-file bundle for a <script> tag: every element registered, the API on window.IptElements;
// and the Spanish strings as a second, optional file that registers them with it.
// Built from the compiled ES modules in dist/ (tsc runs first: see scripts/build.js).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const plugins = [
  nodeResolve({ exportConditions: ['production'] }),
  // Minifies the HTML and CSS inside lit's html`` and css`` templates. Attribute values lose
  // their quotes where HTML allows it (lit binds unquoted attributes as well as quoted ones).
  // Runs of whitespace become one space, not none: a nested template such as html` · ${x}`
  // keeps the space it starts with (test/bundle/ checks it).
  minifyTemplateLiterals({ include: 'dist/**/*.js', failOnError: true, options: { minifyOptions: { removeAttributeQuotes: true, conservativeCollapse: true } } }),
  // pure_getters: reading a property has no side effect (true of this code, and of lit, valibot
  // and idb as bundled: the 30 lines it changes were read). Not `module`/`toplevel`: they drop
  // the `var IptElements` the page needs.
  terser({ ecma: 2022, module: false, compress: { passes: 3, pure_getters: true }, format: { comments: false } }),
];

/** The i18n registry is the main bundle's: the locale file calls window.IptElements.registerLocale. */
const registry = (id) => /[/\\]i18n[/\\]index\.js$/.test(id);
/** The FHIR file uses the main bundle's model (window.IptElements): IptError, parseDocument, isId. */
const model = (id) => /[/\\]model[/\\]index\.js$/.test(id);

export default [
  {
    input: 'dist/bundle.js',
    output: { file: 'dist/ipt-elements.min.js', format: 'iife', name: 'IptElements', sourcemap: false },
    plugins,
  },
  {
    input: 'dist/locales/es.js',
    external: registry,
    output: { file: 'dist/ipt-elements.es.min.js', format: 'iife', name: 'IptElementsEs', globals: (id) => (registry(id) ? 'IptElements' : id), sourcemap: false },
    plugins,
  },
  {
    input: 'dist/fhir/index.js',
    external: model,
    output: { file: 'dist/ipt-elements.fhir.min.js', format: 'iife', name: 'IptElementsFhir', globals: (id) => (model(id) ? 'IptElements' : id), sourcemap: false },
    plugins,
  },
  {
    // The sync adds itself to window.IptElements and uses its model; it carries its own FHIR mapping.
    input: 'dist/sync/bundle.js',
    external: model,
    output: { file: 'dist/ipt-elements.sync.min.js', format: 'iife', globals: (id) => (model(id) ? 'IptElements' : id), sourcemap: false },
    plugins,
  },
];
