/**
 * Spanish for every element: `import 'ipt-elements/locales/es'` (or the script
 * `ipt-elements.es.min.js` after the main one). Elements whose `lang` (or the page's) is `es` or
 * `es-*` then speak Spanish. Shipped apart so that pages in English do not carry it.
 * @module
 */
import { registerLocale } from '../i18n/index.js';
import { es } from '../i18n/es.js';

registerLocale('es', es);

export { es };
