// The single-file bundle for a <script> tag: every element registered, the API on window.IptElements.
// Built from the compiled ES modules in dist/ (tsc runs first: see scripts/build.js).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

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
    terser({ ecma: 2022, module: false, compress: { passes: 2 }, format: { comments: false } }),
  ],
};
