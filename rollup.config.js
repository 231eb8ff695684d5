// The single-file bundle for a <script> tag: every element registered, the API on window.IptElements.
// Built from the compiled ES modules in dist/ (tsc runs first: see scripts/build.js).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

export default {
  input: 'dist/bundle.js',
  output: {
    file: 'dist/ipt-elements.min.js',
    format: 'iife',
    name: 'IptElements',
    sourcemap: false,
  },
  plugins: [
    nodeResolve({ exportConditions: ['production'] }),
    // Minifies the HTML and CSS inside lit's html`` and css`` templates.
    minifyTemplateLiterals({ include: 'dist/**/*.js', failOnError: true }),
    terser({ ecma: 2022, module: false, compress: { passes: 3 }, format: { comments: false } }),
  ],
};
