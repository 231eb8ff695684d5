/**
 * A corpus of hostile text for the widgets and the store (issue 9): markup and script payloads of
 * the shapes XSS cheat sheets and filter-evasion lists collect (OWASP's XSS Filter Evasion Cheat
 * Sheet, PortSwigger's XSS cheat sheet, 0xSobky's polyglot, the DOMPurify mXSS bypasses), template
 * and Lit marker strings, bidi overrides, zero-width and control characters, NUL, lone surrogates
 * and strings at and over the model's length limits.
 *
 * Every payload that runs does so by calling `__pwn(n)` with its own number (`parent.__pwn(n)` from
 * a frame it creates): the page under test defines `__pwn` to record the call, and a test fails
 * when any number is recorded. `runs` names the context in which the payload does run when a page
 * gets it wrong (proven by hostile.test.ts, which parses each one there in a throwaway frame):
 * - `html`: parsed as markup in the body;
 * - `attr` / `sattr`: written into a double- / single-quoted attribute value;
 * - `url`: used as a link's address and followed;
 * - `jsd` / `jss`: written into a double- / single-quoted string of an inline script;
 * - `style`, `textarea`, `title`, `comment`, `noscript`, `xmp`: written inside that element (or comment).
 * Payloads without `runs` are inert in today's browsers (historic shapes, Firefox- or IE-only ones,
 * mutation XSS that needs a sanitizer's serialize-and-parse round trip, which Chrome now defuses by
 * escaping < and > in attribute values, other template languages, bidi, control characters): they
 * must still come out as the same text.
 */

export type Context = 'html' | 'attr' | 'sattr' | 'url' | 'jsd' | 'jss' | 'style' | 'textarea' | 'title' | 'comment' | 'noscript' | 'xmp';

export interface Payload {
  /** Its canary number (its index in PAYLOADS). */
  n: number;
  text: string;
  /** The context in which it runs (see above); undefined when it is inert. */
  runs?: Context;
  /** What it is, for a failure message. */
  what: string;
}

type Shape = [what: string, make: (n: number) => string, runs?: Context];

const c = (n: number) => `__pwn(${n})`;
/** A string of `length` characters made of `unit` repeated (the last one cut). */
export const fill = (unit: string, length: number) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
/** `fill`, ending in `>` rather than a space (the model trims a text's ends): exactly `length` characters kept. */
export const exactly = (unit: string, length: number) => fill(unit, length - 1) + '>';
const b64 = (s: string) => btoa(s);

const SHAPES: Shape[] = [
  // ---- script elements
  ['script tag', (n) => `<script>${c(n)}</script>`, 'html'],
  ['script tag, mixed case', (n) => `<ScRiPt>${c(n)}</sCrIpT>`, 'html'],
  ['script from a data: URL', (n) => `<script src="data:text/javascript,${c(n)}"></script>`, 'html'],
  ['module script', (n) => `<script type="module">${c(n)}</script>`, 'html'],
  ['script after a broken end tag', (n) => `<</script/script><script>${c(n)}</script>`, 'html'],
  ['script after NUL', (n) => `\u0000<script>${c(n)}</script>`, 'html'],
  ['script after RLO', (n) => `\u202E<script>${c(n)}</script>`, 'html'],
  ['nested script for strip filters', (n) => `<scr<script>ipt>${c(n)}</scr</script>ipt>`],
  ['script with a zero-width space in the tag', (n) => `<scr\u200Bipt>${c(n)}</scr\u200Bipt>`],
  ['script with NUL in the tag', (n) => `<scr\u0000ipt>${c(n)}</scr\u0000ipt>`],
  // ---- img and other elements with handlers
  ['img onerror', (n) => `<img src=x onerror=${c(n)}>`, 'html'],
  ['img onerror, upper case', (n) => `<IMG SRC=/ ONERROR="${c(n)}"></img>`, 'html'],
  ['img with an empty src', (n) => `<img src onerror=${c(n)}>`, 'html'],
  ['img onerror with entity-encoded parentheses', (n) => `<img src=x onerror=__pwn&#40;${n}&#41;>`, 'html'],
  ['img onerror with entity-encoded name', (n) => `<img src=x onerror="&#95;&#95;&#x70;&#x77;&#x6e;(${n})">`, 'html'],
  ['img with slashes for spaces', (n) => `<img/src="x"/onerror=${c(n)}>`, 'html'],
  ['img with tabs and newlines for spaces', (n) => `<img\tsrc=x\nonerror=${c(n)}>`, 'html'],
  ['img onerror with a javascript: label', (n) => `<img src=x:x onerror=javascript:${c(n)}>`, 'html'],
  ['img onerror through eval(atob())', (n) => `<img src=x onerror=eval(atob('${b64(c(n))}'))>`, 'html'],
  ['img onerror through a computed name', (n) => `<img src=x onerror=self['__p'+'wn'](${n})>`, 'html'],
  ['img onerror through a regex source', (n) => `<img src=x onerror=self[/__pwn/.source](${n})>`, 'html'],
  ['img onerror through a tagged template', (n) => `<img src=x onerror=setTimeout\`__pwn(${n})\`>`, 'html'],
  ['img onerror through Function', (n) => `<img src=x onerror=Function('__pwn(${n})')()>`, 'html'],
  ['image element (parsed as img)', (n) => `<image src=x onerror=${c(n)}>`, 'html'],
  ['input type=image', (n) => `<input type=image src=x onerror=${c(n)}>`, 'html'],
  ['video onloadstart', (n) => `<video src=x onloadstart=${c(n)}></video>`, 'html'],
  ['audio onloadstart', (n) => `<audio src=x onloadstart=${c(n)}></audio>`, 'html'],
  ['link onerror', (n) => `<link rel=stylesheet href=x onerror=${c(n)}>`, 'html'],
  ['style onload', (n) => `<style onload=${c(n)}>*{}</style>`, 'html'],
  ['object onerror', (n) => `<object data=x onerror=${c(n)}></object>`, 'html'],
  ['details ontoggle', (n) => `<details open ontoggle=${c(n)}>`, 'html'],
  ['body onload', (n) => `<body onload=${c(n)}>`, 'html'],
  ['custom element onclick', (n) => `<x onclick=${c(n)}>click me</x>`, 'html'],
  ['input autofocus onfocus', (n) => `<input autofocus onfocus=${c(n)}>`, 'html'],
  ['contenteditable onfocus', (n) => `<x contenteditable autofocus tabindex=0 onfocus=${c(n)}>x</x>`, 'html'],
  ['marquee onstart', (n) => `<marquee onstart=${c(n)}>x</marquee>`],
  ['iframe with a javascript: src', (n) => `<iframe src="javascript:parent.${c(n)}"></iframe>`, 'html'],
  ['iframe srcdoc with a script', (n) => `<iframe srcdoc="<script>parent.${c(n)}</script>"></iframe>`, 'html'],
  ['iframe srcdoc entity-encoded', (n) => `<iframe srcdoc="&lt;img src=x onerror=parent.${c(n)}&gt;"></iframe>`, 'html'],
  ['object with a javascript: URL', (n) => `<object data="javascript:parent.${c(n)}"></object>`],
  ['embed with a data: URL', (n) => `<embed src="data:text/html,<script>parent.${c(n)}</script>">`],
  ['meta refresh to javascript:', (n) => `<meta http-equiv="refresh" content="0;url=javascript:${c(n)}">`],
  ['style attribute with a javascript: URL', (n) => `<div style="background:url(javascript:${c(n)})">x</div>`],
  ['style attribute with expression()', (n) => `<div style="width:expression(${c(n)})">x</div>`],
  ['Firefox-only onafterscriptexecute', (n) => `<xss onafterscriptexecute=${c(n)}><script>1</script>`],
  ['template content (inert even as markup)', (n) => `<template><img src=x onerror=${c(n)}></template>`],
  // ---- SVG and MathML
  ['svg onload', (n) => `<svg onload=${c(n)}>`, 'html'],
  ['svg onload with a slash', (n) => `<svg/onload=${c(n)}>`, 'html'],
  ['script inside svg', (n) => `<svg><script>${c(n)}</script></svg>`, 'html'],
  ['svg script with a data: href', (n) => `<svg><script href="data:,${c(n)}"></script></svg>`, 'html'],
  ['svg animate onbegin', (n) => `<svg><animate onbegin=${c(n)} attributeName=x dur=1s>`, 'html'],
  ['svg set onbegin', (n) => `<svg><set onbegin=${c(n)} attributeName=x to=1>`, 'html'],
  ['svg image onerror', (n) => `<svg><image href=x onerror=${c(n)}></svg>`, 'html'],
  ['svg link to javascript:', (n) => `<svg><a xlink:href="javascript:${c(n)}"><text x=20 y=20>click</text></a></svg>`, 'html'],
  ['svg foreignObject with html', (n) => `<svg><foreignObject><img src=x onerror=${c(n)}></foreignObject></svg>`, 'html'],
  ['svg use of a data: document', (n) => `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${c(n)}'/></svg>#x"/></svg>`],
  ['math mtext with html', (n) => `<math><mtext><img src=x onerror=${c(n)}></mtext></math>`, 'html'],
  ['MathML href (Firefox)', (n) => `<math href="javascript:${c(n)}">click</math>`],
  // ---- mutation XSS (DOMPurify bypass shapes)
  ['mXSS: noscript title', (n) => `<noscript><p title="</noscript><img src=x onerror=${c(n)}>">`, 'html'],
  ['mXSS: mglyph style', (n) => `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=1 onerror=${c(n)}&gt;">`],
  ['mXSS: form math mglyph svg style', (n) => `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img src=x onerror=${c(n)}>">`],
  ['mXSS: svg p style', (n) => `<svg></p><style><a id="</style><img src=1 onerror=${c(n)}>">`, 'html'],
  ['mXSS: comment in an attribute', (n) => `<!--<img src="--><img src=x onerror=${c(n)}//">`, 'html'],
  ['mXSS: CDATA as a bogus comment', (n) => `<![CDATA[><img src=x onerror=${c(n)}>]]>`, 'html'],
  ['processing instruction as a bogus comment', (n) => `<?xml ?><img src=x onerror=${c(n)}>`, 'html'],
  ['mXSS: backtick attribute (old IE)', (n) => `<img src="x\` \`<script>${c(n)}</script>"\` \`>`],
  // ---- links and forms (run when followed)
  ['link to javascript:', (n) => `<a href="javascript:${c(n)}">click</a>`, 'html'],
  ['link with a tab in the scheme', (n) => `<a href="jav&#x09;ascript:${c(n)}">click</a>`, 'html'],
  ['link with an entity-encoded scheme', (n) => `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${c(n)}">click</a>`, 'html'],
  ['form action javascript:', (n) => `<form action="javascript:${c(n)}"><button>go</button></form>`, 'html'],
  ['button formaction javascript:', (n) => `<form><button formaction="javascript:${c(n)}">go</button></form>`, 'html'],
  ['markdown link to javascript:', (n) => `[click](javascript:${c(n)})`],
  ['markdown image breaking out', (n) => `![x](x" onerror="${c(n)})`],
  // ---- URLs
  ['javascript: URL', (n) => `javascript:${c(n)}`, 'url'],
  ['javascript: URL, mixed case, leading space', (n) => ` JaVaScRiPt:${c(n)}`, 'url'],
  ['javascript: URL with a comment and a newline', (n) => `javascript://%0a${c(n)}`, 'url'],
  ['javascript: URL percent-encoded', (n) => `javascript:%5f%5fpwn(${n})`, 'url'],
  ['javascript: URL with a tab', (n) => `java\tscript:${c(n)}`, 'url'],
  ['data: URL with html', (n) => `data:text/html;base64,${b64(`<script>parent.${c(n)}</script>`)}`],
  ['vbscript: URL', (n) => `vbscript:msgbox(${n})`],
  // ---- attribute breakouts
  ['double-quote breakout to a script', (n) => `"><script>${c(n)}</script>`, 'attr'],
  ['double-quote breakout to svg', (n) => `"><svg/onload=${c(n)}>`, 'attr'],
  ['double-quote breakout to a handler', (n) => `" onclick="${c(n)}`, 'attr'],
  ['double-quote breakout, autofocus', (n) => `"tabindex=0 autofocus onfocus=${c(n)} x="`, 'attr'],
  ['single-quote breakout to img', (n) => `'><img src=x onerror=${c(n)}>`, 'sattr'],
  ['single-quote breakout to a handler', (n) => `' onclick='${c(n)}`, 'sattr'],
  ['unquoted-attribute breakout', (n) => `x onmouseover=${c(n)} onclick=${c(n)}`],
  // ---- script-string breakouts
  ['double-quoted JS string breakout', (n) => `";${c(n)};//`, 'jsd'],
  ['single-quoted JS string breakout', (n) => `';${c(n)};//`, 'jss'],
  ['JS string breakout with a backslash (where only quotes are escaped)', (n) => `\\";${c(n)};//`],
  ['end-of-script breakout', (n) => `</script><script>${c(n)}</script>`, 'jsd'],
  ['JS-escaped markup', (n) => `\\x3cscript\\x3e${c(n)}\\x3c/script\\x3e`],
  ['JS-unicode-escaped markup', (n) => `\\u003cimg src=x onerror=${c(n)}\\u003e`],
  ['line separator in a JS string', (n) => `\u2028${c(n)}//\u2029`],
  // ---- raw-text and RCDATA breakouts, CSS injection
  ['end of style, then img', (n) => `</style><img src=x onerror=${c(n)}>`, 'style'],
  ['CSS rule breakout to a script', (n) => `red;}</style><script>${c(n)}</script><style>`, 'style'],
  ['end of textarea, then script', (n) => `</textarea><script>${c(n)}</script>`, 'textarea'],
  ['end of title, then script', (n) => `</title><script>${c(n)}</script>`, 'title'],
  ['end of comment, then img', (n) => `--><img src=x onerror=${c(n)}>`, 'comment'],
  ['end of noscript, then img', (n) => `</noscript><img src=x onerror=${c(n)}>`, 'noscript'],
  ['end of xmp, then img', (n) => `</xmp><img src=x onerror=${c(n)}>`, 'xmp'],
  ['CSS javascript: url()', (n) => `}*{background:url("javascript:${c(n)}")}`],
  ['CSS @import of a data: sheet', (n) => `@import "data:,*{x:expression(${c(n)})}";`],
  ['CSS escape-encoded expression', (n) => `x:\\65 xpression(${c(n)})`],
  // ---- polyglots
  ['0xSobky polyglot', (n) => `jaVasCript:/*-/*\`/*\\\`/*'/*"/**/(/* */oNcliCk=${c(n)} )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=${c(n)}//>\\x3e`, 'html'],
  ['Ashar Javed polyglot', (n) => `javascript:"/*'/*\`/*--></noscript></title></textarea></style></template></noembed></script><html " onmouseover=/*&lt;svg/*/onload=${c(n)}//>`, 'html'],
  ['Mathias Karlsson polyglot', (n) => `" onclick=${c(n)}//<button ' onclick=${c(n)}//> */ ${c(n)}//`, 'attr'],
  // ---- template languages, Lit markers
  ['JS template literal', (n) => `\${${c(n)}}`],
  ['JS template literal with backticks', (n) => `\`\${${c(n)}}\``],
  ['mustache', (n) => `{{${c(n)}}}`],
  ['Angular sandbox escape', (n) => `{{constructor.constructor('${c(n)}')()}}`],
  ['Vue v-html', (n) => `<div v-html="'<img src=x onerror=${c(n)}>'"></div>`],
  ['Polymer binding', (n) => `[[${c(n)}]]`],
  ['ERB / EJS tag', (n) => `<%= ${c(n)} %>`],
  ['Ruby / Pug interpolation', (n) => `#{${c(n)}}`],
  ['Lit child marker comment, then img', (n) => `<!--?lit$${n}12345678$--><img src=x onerror=${c(n)}>`, 'html'],
  ['Lit marker processing instruction, then img', (n) => `<?lit$${n}87654321$><img src=x onerror=${c(n)}>`, 'html'],
  ['Lit attribute markers', (n) => `<img src$lit$=x onerror$lit$=${c(n)} lit$${n}$="1">`],
  ['Lit marker alone', (n) => `lit$${n}00000000$`],
  // ---- entity, percent and other encodings
  ['entity-encoded markup', (n) => `&lt;img src=x onerror=${c(n)}&gt;`],
  ['double percent-encoded script', (n) => `%253Cscript%253E${c(n)}%253C/script%253E`],
  ['percent-encoded script', (n) => `%3Cscript%3E${c(n)}%3C/script%3E`],
  ['UTF-7 script', (n) => `+ADw-script+AD4-${c(n)}+ADw-/script+AD4-`],
  ['fullwidth brackets', (n) => `＜script＞${c(n)}＜/script＞`],
  ['Cyrillic homoglyph tag', (n) => `<ѕcript>${c(n)}</ѕcript>`],
  ['decimal entities without semicolons', (n) => `&#60&#115&#99&#114&#105&#112&#116&#62${c(n)}`],
  // ---- DOM clobbering and prototype names
  ['DOM clobbering of a global', (n) => `<img name=__pwn id=x${n}><form id=__pwn><input name=call></form>`],
  ['DOM clobbering of document methods', (n) => `<img name=getElementById><a id=defaultView name=x${n}>`],
  ['__proto__', () => `__proto__`],
  ['constructor', () => `constructor`],
  ['prototype pollution JSON', (n) => `{"__proto__":{"pwned":${n}}}`],
  // ---- other injections (inert here, common in hostile-input lists)
  ['SQL injection', () => `' OR '1'='1' --`],
  ['format string', () => `%s%s%s%s%n%x%p`],
  ['path traversal', () => `../../../../etc/passwd%00.png`],
  ['XXE', () => `<!DOCTYPE x [<!ENTITY x SYSTEM "file:///etc/passwd">]><x>&x;</x>`],
  ['CSV formula', (n) => `=HYPERLINK("javascript:${c(n)}","x")`],
  ['CSV DDE', () => `=cmd|' /C calc'!A0`],
  ['CRLF header injection', () => `x\r\nSet-Cookie: pwned=1\r\n\r\n<script>`],
  ['ANSI escape', () => `\u001b[31mred\u001b[0m\u001b]0;title\u0007`],
  // ---- unicode: bidi, zero-width, control, surrogates
  ['right-to-left override', () => `photo\u202Egnp.exe`],
  ['trojan-source bidi', () => `/*\u202E } \u2066if (isAdmin)\u2069 \u2066 begin admins only */`],
  ['every bidi control', () => `a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm`],
  ['isolates around a name', () => `\u2067Ana\u2069 \u2068Bob\u2069`],
  ['zero-width characters', () => `A\u200Bn\u200Ca\u200D\u2060\uFEFF!`],
  ['soft hyphen and invisible operators', () => `in\u00ADvis\u2061ib\u2062le\u2063\u2064`],
  ['NUL characters', () => `a\u0000b\u0000\u0000c`],
  ['C0 and C1 controls', () => `\u0001\u0002\u0003\u0007\u0008\u000B\u000C\u001F\u007F\u0080\u0085\u009F`],
  ['lone high surrogate', () => `a\uD83Db`],
  ['lone low surrogate', () => `\uDE00x`],
  ['noncharacters', () => `\uFFFE\uFFFF\uFDD0\u{10FFFF}`],
  ['tag characters (ASCII smuggling)', () => `hi\u{E0001}\u{E0069}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}\u{E007F}`],
  ['emoji ZWJ sequences and flags', () => `👩‍👩‍👧‍👦🏳️‍🌈🇪🇸`],
  ['combining marks (zalgo)', () => `Z\u0337\u0322\u0349a\u0353l\u031Bg\u0317o\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309`],
  ['right-to-left script with markup', (n) => `مرحبا <img src=x onerror=${c(n)}> שלום`, 'html'],
  ['line and paragraph separators', () => `a\u2028b\u2029c\u0085d`],
  ['replacement character and BOM', () => `\uFFFD\uFEFFx`],
  // ---- very long strings (at the model's limits; the over-limit ones are in OVER_LIMIT)
  ['4000 characters of img payloads', (n) => exactly(`<img src=x onerror=${c(n)}>`, 4000), 'html'],
  ['4000 right-to-left overrides', () => fill('\u202E', 4000)],
  ['4000 combining marks', () => 'a' + fill('\u0301', 3999)],
  ['4000 NULs between letters', () => 'a' + fill('\u0000', 3998) + 'z'],
  ['120 characters of svg payloads', (n) => exactly(`<svg onload=${c(n)}>`, 120), 'html'],
  ['500 characters of script tags', (n) => exactly(`<script>${c(n)}</script>`, 500), 'html'],
];

export const PAYLOADS: Payload[] = SHAPES.map(([what, make, runs], n) => ({ n, text: make(n), what, ...(runs ? { runs } : {}) }));

/**
 * Strings one character over each limit of the model (src/model/primitives.ts, schemas.ts): a
 * record that holds one is refused with `invalid-input`, never cut.
 */
export const LIMITS = { short: 120, goal: 500, patient: 256, long: 4000 } as const;
export const overLimit = (limit: number, n = 0) => exactly(`<img src=x onerror=${c(n)}>`, limit + 1);
