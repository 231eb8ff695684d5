/**
 * The single-file build for a <script> tag: registers every element and exposes the API as
 * `window.IptElements` (openStore, wipe, the model's functions, the element classes).
 * @module
 */
import './define.js';
export * from './index.js';
