/** A seeded random source and the corpus of hostile values the generators draw from. */

/** sfc32: small, fast, and the same sequence for the same seed on every machine. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    for (let i = 0; i < 15; i++) this.next();
  }
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Expressions a product may carry as an amount or a parameter: denial of service, code, odd values. */
export const HOSTILE_EXPRESSIONS: readonly string[] = [
  'zeros(100000,100000)', 'ones(30000,30000)', 'range(1,1e8)', '1:1e8', 'size(zeros(1e5,1e5))', 'identity(50000)', 'random([10000,10000])',
  '[1,2]', '[[1,2],[3,4]]', 'matrix([1,2,3])', '{a: 1}', '"kg"', "'a'", 'concat("a","b")', 'string(1)', 'format(1e6)',
  'import({x: 1})', 'import("fs")', 'evaluate("1+1")', 'evaluate("zeros(100000,100000)")', 'parse("1")', 'compile("1")', 'simplify("x+x")',
  'derivative("x^2","x")', 'createUnit("foo")', 'f(x)=x', 'f(x)=f(x)', 'x=1', 'a=zeros(10000,10000)', 'x->x', 'typeOf(1)', 'help(sin)',
  'constructor', '__proto__', 'toString', 'process.exit(1)', 'this', 'globalThis', 'Function("return 1")()', 'cos.constructor("return process")()',
  '10^1e6', '10^308 * 10', '2^1024', 'kg^1e9', 'm^-1e9', '1e309', '-1e309', '1/0', '0/0', 'NaN', 'Infinity', 'factorial(1e6)', 'gamma(1e6)',
  'sum(range(1,1e7))', 'prod(range(1,1e5))', 'det(ones(500,500))', 'inv(ones(300,300))', 'fib(1e6)', 'isPrime(2^53-1)', 'bignumber("1e999999")',
  '1 kg to m', '1 kg + 1 m', '5 furlong', '3 zz', 'kWh/', '*', '', ' ', '(', ')', '((1)', '1..2', '1 ? 2 : 3', '1 == 1', 'true', 'null', 'undefined',
  '1;2', '1\n2', 'a.b.c', 'x[1]', 'x[1e9]', '"\\u0000"', '\u0000', 'kg\u0000', '1 ＋ 1', '１ kg', '٣ kg', '1\u200b kg', 'ℓ', '😀 kg',
  '1' + '+1'.repeat(5000), '('.repeat(5000) + '1' + ')'.repeat(5000), '-'.repeat(10000) + '1', 'a'.repeat(40) + '!', 'a'.repeat(100_000),
  '1 ' + 'kg*'.repeat(3000) + 'kg', '1' + '0'.repeat(400) + ' kg', '0.' + '0'.repeat(400) + '1 kg', '9'.repeat(10_000),
];

/** Units that are not units, or are dangerous ones. */
export const BAD_UNITS: readonly string[] = [
  'furlong', 'kg^1e9', 'kg^-1e9', 'm^0.5', '', ' ', 'kg kg', 'kg/0', '1/kg^300', 'K', 'degC', 'item^2', 'kWh/ms', 'kg\u0000', '公斤', '😀',
  'a'.repeat(10_000), 'kg'.repeat(1000), 'import("x")', 'zeros(1000,1000)', 'Infinity kg', 'NaN',
];

/** Numbers JSON can carry that storage, arithmetic or a schema may not. */
export const HUGE_NUMBERS: readonly string[] = [
  '2147483648', '-2147483649', '4294967296', '9007199254740993', '1e308', '1.8e308', '-1e308', '1e-400', '5e-324', '123456789012345678901234567890',
  '0.1e999999', '1' + '0'.repeat(1000), '-0', '1E+9999', '0.00000000000000000000000000000001',
];

/** Strings: unicode, NUL and other characters PostgreSQL cannot store, control bytes, very long. */
export const HOSTILE_STRINGS: readonly string[] = [
  '\u0000', 'a\u0000b', '\\u0000', '\ud800', '\udfff', 'a\ud800b', '\uffff', '\ufeff', '\u202e', '\u0007\u001b[31m', '😀'.repeat(100), '台式电风扇',
  'Ω', 'e\u0301', '\r\n', '<script>alert(1)</script>', "'; DROP TABLE products; --", '${7*7}', '{{7*7}}', '%s%s%n', '../../etc/passwd',
  '__proto__', 'constructor', '', ' ', 'x'.repeat(100_000), '\u0000'.repeat(100), 'urn:\u0000', 'null',
];

/** Integers and non-integers for integer path and query parameters. */
export const BAD_INTEGERS: readonly string[] = [
  '2147483648', '2147483647', '-2147483648', '-2147483649', '9223372036854775808', '99999999999999999999', '0', '-1', '1.5', '1e3', '1e309',
  '0x10', 'NaN', 'Infinity', '', '%00', '1%00', '01', '+1', ' 1', '1 ', '１',
];

/** Ids for path parameters: traversal, encodings, NUL, too long, another kind of id. */
export const HOSTILE_IDS: readonly string[] = [
  '..', '../', '../..', '..%2f..%2fetc%2fpasswd', '%2e%2e', '%2e%2e%2f%2e%2e', '.%2e', '%252e%252e', '%00', 'a%00b', '%0d%0aX-Injected:%201',
  '%ZZ', '%', '%C0%AE%C0%AE', '%ff', '%e5%8f%b0', '%F0%9F%98%80', 'a'.repeat(101), 'a'.repeat(5000), '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-00000000000g', '2147483648', '-1', '*', '%2a', 'null', 'undefined',
  '__proto__', 'constructor', '%20', '%09', ';', 'a;b=c', 'a?b', 'a#b',
];

/** If-Match values. */
export const IF_MATCH: readonly string[] = [
  '*', '"1"', '"0"', '"-1"', '"2147483648"', '"9999999999999999999"', 'W/"1"', '"1", "2"', '1', '""', '"', '"a"', '* , "1"', ' ', 'x'.repeat(5000),
  '"1.5"', '"1e3"', '"0x1"', '"\u00e9"',
];

/** Content types a JSON route should refuse (or read) cleanly. */
export const CONTENT_TYPES: readonly string[] = [
  'text/plain', 'application/xml', 'text/csv', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16',
  'application/json; charset=latin1', 'application/json; charset=gb18030', 'application/cloudevents+json', 'application/*', '*/*', 'json', '',
  'application/json; boundary', 'application/json;;;', 'application/problem+json', 'application/vnd.api+json', 'application/octet-stream',
  'application/json; charset="', 'APPLICATION/JSON',
];

/** A nested JSON text `depth` levels deep, built as a string (no recursion). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + '1' + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Malformed JSON texts. */
export const BAD_JSON: readonly string[] = [
  '', ' ', '{', '}', '[', '{"a":}', '{"a" 1}', "{'a': 1}", '{"a":1,}', '[1,]', 'NaN', 'undefined', '{"a":NaN}', '{"a":Infinity}', '{"a":01}',
  '{"a":"\\x00"}', '{"a":"\\ud800"}', '{"a":"\u0000"}', '\ufeff{}', '{}{}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
  '"just a string"', '1', 'null', 'true', '{"a":1' + ' '.repeat(10_000), '{"a":"' + 'b'.repeat(100_000), '\u0000', '{"a":1}\u0000', '/* c */ {}',
  '{"a":1e99999}', '{"a":-}', '{"a":"\\u00"}', '{"a":tru}', '[' + '1,'.repeat(50_000) + '1]', '{"a":1,"a":2}',
];

/** Percent-encode every byte outside unreserved characters (lone surrogates become U+FFFD, as UTF-8 does). */
export function pct(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((b) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}
