import { describe, expect, it } from 'vitest';
import { Xoshiro128 } from '@greenlca/sparse';
import { Decimal, dec, firstTerm, num } from './decimal.js';
import { Exact } from './exact.js';

/** Doubles and decimal texts of every kind the engine meets, and some it should not. */
function picker(seed: number) {
  const rng = new Xoshiro128(seed);
  const int = (n: number) => Math.floor(rng.next() * n);
  const sign = () => (rng.next() < 0.3 ? -1 : 1);
  const doubles = (): number => {
    const u = rng.next();
    switch (int(10)) {
      case 0: return sign() * Math.round(u * 1000) / 100;
      case 1: return sign() * u; // 16–17 digits
      case 2: return Number((u * 10 ** (int(40) - 20)).toPrecision(1 + int(15))); // exponents
      case 3: return Math.round(u * 1e6) * 1e12; // past 1e15
      case 4: return [0, -0, 1, -1, 0.1, 0.2, 0.30000000000000004, 1e-20, 1e21, 5e-324, 1.7976931348623157e308][int(11)]!;
      case 5: return sign() * (int(2 ** 30) * 2 ** 23 + int(2 ** 23)); // near 2^53
      case 6: return sign() * 2 ** 53;
      case 7: return sign() * Number(`${int(1e9)}.${int(1e6)}`);
      case 8: return Number((sign() * u * 1e-300).toPrecision(3));
      default: return int(100);
    }
  };
  const texts = (): string => {
    switch (int(5)) {
      case 0: return `${sign() < 0 ? '-' : ''}${int(1e9)}${int(1e9)}${int(1e9)}.${int(1e9)}`; // 27+ digits
      case 1: return `${int(1e7)}e${int(600) - 300}`;
      case 2: return `-0`;
      case 3: return `${sign() * int(1e15)}e${int(44) - 22}`;
      default: return `0.${'0'.repeat(int(30))}${int(1e6)}`;
    }
  };
  return { rng, int, doubles, texts };
}

const same = (e: Exact, d: Decimal, what: string) => {
  expect(e.decimal().toString(), what).toBe(d.toString());
  // The sign of a zero too (decimal.js keeps it, and num gives it).
  expect(Object.is(e.toNumber(), num(d)) || (Number.isNaN(e.toNumber()) && Number.isNaN(num(d))), `${what}: ${e.toNumber()} vs ${num(d)}`).toBe(true);
  expect(e.isZero(), what).toBe(d.isZero());
  expect(e.positive(), what).toBe(d.gt(0));
};

describe('Exact', () => {
  it('reads a double as dec does, and a decimal as it is', () => {
    const { doubles, texts } = picker(5);
    for (let i = 0; i < 3000; i++) {
      const x = doubles();
      same(Exact.ofNumber(x), dec(x), `ofNumber(${x})`);
      const t = texts();
      same(Exact.ofDecimal(new Decimal(t)), new Decimal(t), `ofDecimal(${t})`);
    }
    for (const x of [Infinity, -Infinity, NaN]) expect(Exact.ofNumber(x).decimal().toString()).toBe(dec(x).toString());
  });

  it('adds, subtracts and multiplies bit for bit as decimal.js does, along chains of operations', () => {
    const { rng, int, doubles, texts } = picker(11);
    for (let chain = 0; chain < 400; chain++) {
      const first = rng.next() < 0.8 ? doubles() : texts();
      let e = typeof first === 'number' ? Exact.ofNumber(first) : Exact.ofDecimal(new Decimal(first));
      let d = typeof first === 'number' ? dec(first) : new Decimal(first);
      const steps: string[] = [String(first)];
      for (let step = 0; step < 1 + int(30); step++) {
        const y = rng.next() < 0.85 ? doubles() : texts();
        const ye = typeof y === 'number' ? Exact.ofNumber(y) : Exact.ofDecimal(new Decimal(y));
        const yd = typeof y === 'number' ? dec(y) : new Decimal(y);
        const op = int(3);
        if (op === 0) { e = e.plus(ye); d = d.plus(yd); }
        else if (op === 1) { e = e.minus(ye); d = d.minus(yd); }
        else { e = e.times(ye); d = d.times(yd); }
        steps.push(`${'+-*'[op]} ${String(y)}`);
        same(e, d, steps.join(' '));
      }
    }
  });

  it('keeps the sign of a zero as decimal.js does (-0 + -0, 0 × -x, x − x)', () => {
    const z = Exact.ofNumber(-0);
    same(z.plus(z), dec(-0).plus(dec(-0)), '-0 + -0');
    same(z.plus(Exact.ofNumber(0)), dec(-0).plus(dec(0)), '-0 + 0');
    same(Exact.ofNumber(0).times(Exact.ofNumber(-3)), dec(0).times(dec(-3)), '0 × -3');
    same(Exact.ofNumber(2.5).minus(Exact.ofNumber(2.5)), dec(2.5).minus(dec(2.5)), '2.5 − 2.5');
    same(Exact.ofNumber(-0).minus(Exact.ofNumber(0)), dec(-0).minus(dec(0)), '-0 − 0');
  });

  it('is a first term as firstTerm makes one, rounding only past the precision', () => {
    const long = new Decimal('1234567890123456789012345678901234567890123');
    expect(Exact.ofDecimal(long).firstTerm().decimal().toString()).toBe(firstTerm(long).toString());
    const short = Exact.ofNumber(0.1);
    expect(short.firstTerm()).toBe(short);
  });
});
