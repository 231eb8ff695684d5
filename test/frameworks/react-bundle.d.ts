/** React as the test runner serves it at this path: bundled into one ES module (web-test-runner.config.js). */
export const React: typeof import('react');
export const ReactDOM: typeof import('react-dom');
export const ReactDOMClient: typeof import('react-dom/client');
