/**
 * Issue 9, strict Content-Security-Policy: test/security/csp/page.html, served with
 * `default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'none'; require-trusted-types-for 'script'`
 * (web-test-runner.config.js, strictCsp), runs the four widgets of the built single-file bundle
 * through a course of user actions with no violation, and they reach for no network. Probes of the
 * policy itself (an inline script, fetch, innerHTML, eval, inline styles) show that it is enforced
 * and heard, so that the test can fail.
 */
import { expect } from '@open-wc/testing';

const PAGE = '/test/security/csp/page.html';
const POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'none'; require-trusted-types-for 'script'";

interface Violation {
  phase: 'load' | 'widgets' | 'controls';
  directive: string;
  blocked: string;
  sample: string;
  source: string;
  line: number;
}
interface Report {
  type: 'csp-report';
  violations: Violation[];
  network: Array<{ phase: string; api: string; target: string }>;
  widgets: { steps: string[]; dragged: boolean; styles: string[] } | { failed: string };
  probes: Record<string, string>;
  resources: Array<{ name: string; initiatorType: string }>;
  heard: { ready: number; change: number; error: number; ring: number };
  inlineScriptRan: boolean;
}

/** Loads the page in a frame and resolves with what it reports. */
function run(): Promise<Report> {
  return new Promise((resolve, reject) => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 900px; height: 700px';
    const timer = setTimeout(() => reject(new Error('the strict-CSP page reported nothing within 25 s')), 25000);
    const listen = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow || (e.data as Report)?.type !== 'csp-report') return;
      clearTimeout(timer);
      removeEventListener('message', listen);
      frame.remove();
      resolve(e.data as Report);
    };
    addEventListener('message', listen);
    frame.src = PAGE;
    document.body.append(frame);
  });
}

describe('strict Content-Security-Policy', function () {
  this.timeout(30000);
  let report: Report;
  before(async () => {
    report = await run();
  });

  it('serves the page with exactly the policy of the issue', async () => {
    const response = await fetch(PAGE);
    expect(response.headers.get('content-security-policy')).to.equal(POLICY);
  });

  it('is enforced and heard: the inline script and every probe are refused, each with a violation', () => {
    expect(report.inlineScriptRan, 'the inline script ran').to.equal(false);
    const of = (phase: string) => report.violations.filter((v) => v.phase === phase).map((v) => v.directive);
    expect(of('load'), 'the inline script').to.deep.equal(['script-src-elem']);
    expect(report.probes).to.deep.equal({
      fetch: 'refused: TypeError',
      innerHTML: 'refused: TypeError',
      eval: 'refused: EvalError',
      'style attribute': 'refused: NotApplied',
      'inline style element': 'refused: NotApplied',
    });
    // fetch: connect-src; innerHTML and eval (a string run as code): Trusted Types; the styles: style-src.
    expect(of('controls')).to.have.members(['connect-src', 'require-trusted-types-for', 'require-trusted-types-for', 'style-src-attr', 'style-src-elem']);
  });

  it('runs all four widgets through a course of user actions with no violation', () => {
    expect((report.widgets as { failed?: string }).failed, 'the widgets ran to the end').to.equal(undefined);
    const { steps, dragged, styles } = report.widgets as { steps: string[]; dragged: boolean; styles: string[] };
    expect(steps).to.have.length(16);
    expect(dragged, 'a node followed the pointer').to.equal(true);
    expect(styles, "the widgets' own styles apply").to.deep.equal(Array(4).fill('block solid'));
    expect(report.heard.ready, 'ipt-ready from each widget').to.equal(4);
    expect(report.heard.change, 'records written').to.be.at.least(12);
    expect(report.heard.ring, 'moves between rings').to.equal(2);
    expect(report.heard.error, 'only the refused input').to.equal(1);
    expect(report.violations.filter((v) => v.phase === 'widgets'), 'violations while the widgets ran').to.deep.equal([]);
  });

  it('makes no network request: only the page\'s own three scripts were loaded', () => {
    expect(report.network.filter((n) => n.phase !== 'controls'), 'network APIs called').to.deep.equal([]);
    const own = ['/test/security/csp/first.js', '/dist/ipt-elements.min.js', '/test/security/csp/page.js'].map((p) => new URL(p, location.href).href);
    expect(report.resources.map((r) => r.name)).to.have.members(own);
    expect(report.resources.map((r) => r.initiatorType)).to.deep.equal(['script', 'script', 'script']);
  });
});
