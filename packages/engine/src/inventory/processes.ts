import type { ForegroundProcess, GwpSet, LineSource, Product } from '@greenlca/schema';
import { biogenicOf, closeSplit, zeroSplit, type OriginKind } from '../impact/origin.js';
import { Decimal, dec, ZERO } from '../decimal.js';
import { pointer, type IssueLog } from '../errors.js';
import { characteriseSubstance, gasKeys, type CharacterisedFactor } from '../impact/characterise.js';
import type { FactorLibrary } from '../library/library.js';
import { buildTechnosphere, factoriseTechnosphere, LcaMatrixError, type TechnosphereExchange } from '../matrix/index.js';
import { convertTo, massKg } from '../quantity/convert.js';
import { evaluateAmount, type Scope } from '../quantity/expression.js';
import { reportExpressionError } from '../quantity/parameters.js';
import { unitSpec, type UnitSpec } from '../quantity/unit.js';
import type { FactorResolver, ResolvedFactor } from './factors.js';

/**
 * Solve the product's foreground process network and turn each process into a factor: its
 * cradle-to-gate kg CO2e (by gas) per unit of its product. With A the technosphere (production on the
 * diagonal, inputs from other processes off it) and c_g each process's direct kg CO2e of gas g per run,
 * the adjoint λ_g = A⁻ᵀ c_g gives every process's per-unit footprint at once — a handful of solves
 * (one per gas), however many lines use the processes.
 */
export function solveProcesses(
  product: Product, resolver: FactorResolver, library: FactorLibrary, set: GwpSet, scope: Scope, parameterNames: string[], log: IssueLog,
): void {
  const processes = product.processes ?? [];
  if (!processes.length) return;
  const index = new Map<string, number>();
  const units: UnitSpec[] = [];
  const outputs: number[] = [];
  let ok = true;
  processes.forEach((p, i) => {
    const path = pointer('processes', i);
    if (index.has(p.id)) {
      log.add('DUPLICATE_ID', `${path}/id`, `process id "${p.id}" is declared twice`, 'give each process its own id');
      ok = false;
      return;
    }
    if (resolver.customFactor(p.id) || library.factor(p.id)) {
      log.add('DUPLICATE_ID', `${path}/id`, `process id "${p.id}" is also a factor id`, 'give the process an id no factor has');
      ok = false;
      return;
    }
    index.set(p.id, i);
    try {
      units[i] = unitSpec(p.unit);
    } catch {
      log.add('BAD_UNIT', `${path}/unit`, `unknown unit "${p.unit}"`, 'use a unit such as kg, kWh, MJ, t*km, m^3, item');
      ok = false;
      return;
    }
    if (units[i]!.ambiguous) {
      log.add('AMBIGUOUS_UNIT', `${path}/unit`, units[i]!.ambiguous!.message, units[i]!.ambiguous!.hint);
      ok = false;
      return;
    }
    outputs[i] = 1;
    if (p.output !== undefined) {
      try {
        const converted = convertTo(evaluateAmount(p.output, scope), units[i]!);
        if (!converted.ok) {
          log.add('UNIT_MISMATCH', `${path}/output`, converted.reason, `give the output in ${p.unit}`);
          ok = false;
        } else if (converted.value === 0) {
          log.add('BAD_EXPRESSION', `${path}/output`, 'the output is zero', 'give the amount of product one run of the process makes');
          ok = false;
        } else outputs[i] = converted.value;
      } catch (error) {
        reportExpressionError(error, `${path}/output`, parameterNames, log);
        ok = false;
      }
    }
  });
  if (!ok) return;

  const n = processes.length;
  const exchanges: TechnosphereExchange[] = processes.map((p, i) => ({ process: p.id, product: p.id, amount: outputs[i]! }));
  // Direct kg CO2e per run of each process, by gas; gas masses; biogenic part.
  const direct = new Map<string, Float64Array>();
  const mass = new Map<string, Float64Array>();
  // kg CO2e by origin kind (notSplit is what the others leave of the total).
  const byKind = new Map<OriginKind, Float64Array>(SPLIT_KINDS.map((k) => [k, new Float64Array(n)]));
  const upstream: ResolvedFactor[][] = processes.map(() => []);
  const add = (map: Map<string, Float64Array>, gas: string, i: number, value: number) => {
    let v = map.get(gas);
    if (!v) map.set(gas, (v = new Float64Array(n)));
    v[i] = v[i]! + value;
  };
  const addFactor = (i: number, amount: number, value: CharacterisedFactor) => {
    // Biogenic CO2 keeps its own key: summed into "CO2" it would become fossil (or make fossil biogenic).
    const key = gasKeys(value);
    for (const [gas, perUnit] of value.byGas) add(direct, key(gas), i, amount * perUnit.toNumber());
    for (const [gas, perUnit] of value.massByGas) add(mass, key(gas), i, amount * perUnit.toNumber());
    for (const k of SPLIT_KINDS) {
      const perUnit = value.origin[k];
      if (!perUnit.isZero()) byKind.get(k)![i] = byKind.get(k)![i]! + amount * perUnit.toNumber();
    }
  };

  processes.forEach((p, i) => {
    p.inputs.forEach((input, k) => {
      const path = pointer('processes', i, 'inputs', k);
      const named = [input.process, input.factor, input.substance].filter((x) => x !== undefined).length;
      if (named !== 1) {
        log.add('FACTOR_OR_SUBSTANCE', path, 'a process input needs exactly one of "process", "factor" and "substance"',
          'use "process" for another foreground process, "factor" for background data, "substance" for a direct emission');
        ok = false;
        return;
      }
      let quantity;
      try {
        quantity = evaluateAmount(input.amount, scope);
      } catch (error) {
        reportExpressionError(error, `${path}/amount`, parameterNames, log);
        ok = false;
        return;
      }
      if (input.process !== undefined) {
        const j = index.get(input.process);
        if (j === undefined) {
          const near = log.nearest(input.process, () => index.keys());
          log.add('UNKNOWN_FACTOR', `${path}/process`, `unknown process "${input.process}"`,
            near.length ? `did you mean ${near.map((x) => `"${x}"`).join(', ')}?` : 'declare it under "processes"');
          ok = false;
          return;
        }
        const converted = convertTo(quantity, units[j]!);
        if (!converted.ok) {
          log.add('UNIT_MISMATCH', `${path}/amount`, `${converted.reason} (process "${input.process}" makes ${units[j]!.text})`, `give the amount in ${units[j]!.text}`);
          ok = false;
          return;
        }
        exchanges.push({ process: p.id, product: input.process, amount: converted.value, input: true });
      } else if (input.factor !== undefined) {
        if (index.has(input.factor)) {
          log.add('FACTOR_OR_SUBSTANCE', `${path}/factor`, `"${input.factor}" is a foreground process`, 'name it with "process", not "factor"');
          ok = false;
          return;
        }
        const factor = resolver.resolve(input.factor, `${path}/factor`);
        if (!factor) {
          ok = false;
          return;
        }
        const converted = convertTo(quantity, factor.unit);
        if (!converted.ok) {
          log.add('UNIT_MISMATCH', `${path}/amount`, converted.reason, `give the amount in a unit convertible to ${factor.unit.text}`);
          ok = false;
          return;
        }
        addFactor(i, converted.value, factor.value);
        upstream[i]!.push(factor);
      } else {
        const substance = library.substance(input.substance!);
        const value = substance && characteriseSubstance(substance, set);
        if (!substance || !value) {
          log.add(substance ? 'NO_GWP_IN_SET' : 'UNKNOWN_SUBSTANCE', `${path}/substance`,
            substance ? `${substance.id} has no GWP100 in IPCC ${set}` : `unknown substance "${input.substance}"`);
          ok = false;
          return;
        }
        const kg = massKg(quantity, unitSpec('kg'));
        if (!kg.ok) {
          log.add('UNIT_MISMATCH', `${path}/amount`, `a direct emission is a mass: ${kg.reason}`, 'give it in kg, g or t');
          ok = false;
          return;
        }
        addFactor(i, kg.value, value);
      }
    });
  });
  if (!ok) return;

  let footprint: Map<string, Float64Array>;
  let massFootprint: Map<string, Float64Array>;
  let kindFootprint: Map<OriginKind, Float64Array>;
  try {
    const technosphere = buildTechnosphere(processes.map((p) => ({ id: p.id, name: p.name ?? p.id })), exchanges);
    const factorised = factoriseTechnosphere(technosphere);
    const adjoint = (c: Float64Array) => factorised.solveTransposed(c).x;
    footprint = new Map([...direct].map(([gas, c]) => [gas, adjoint(c)]));
    massFootprint = new Map([...mass].map(([gas, c]) => [gas, adjoint(c)]));
    kindFootprint = new Map([...byKind].map(([k, c]) => [k, adjoint(c)]));
  } catch (error) {
    if (!(error instanceof LcaMatrixError)) throw error;
    log.add('SINGULAR_NETWORK', '/processes', error.message,
      'every process needs a non-zero output, and a loop must not need more of a product than it makes');
    return;
  }

  const reach = reachOf(upstream, exchanges, index);
  processes.forEach((p: ForegroundProcess, i) => {
    const byGas = new Map<string, Decimal>();
    let total = ZERO;
    for (const [gas, lambda] of footprint) {
      const v = dec(clean(lambda[i]!));
      byGas.set(gas, v);
      total = total.plus(v);
    }
    const origin = zeroSplit();
    for (const [k, lambda] of kindFootprint) origin[k] = dec(clean(lambda[i]!));
    origin.notSplit = total.minus(origin.fossil).minus(origin.biogenicCO2).minus(origin.biogenicCO2Removals).minus(origin.biogenicNonCO2);
    // Rounding of the solved doubles, not a not-split part: below 1e-12 of the total it is dropped.
    if (origin.notSplit.abs().lte(total.abs().times(1e-12))) Object.assign(origin, closeSplit({ ...origin, notSplit: ZERO }, total));
    const massByGas = new Map<string, Decimal>();
    for (const [gas, lambda] of massFootprint) massByGas.set(gas, dec(clean(lambda[i]!)));
    resolver.register({
      id: p.id,
      name: p.name ?? p.id,
      unit: units[i]!,
      value: { kgCO2e: total, byGas, massByGas, biogenicKgCO2e: biogenicOf(origin), origin },
      shown: { kgCO2e: total.toNumber(), unit: p.unit },
      // Lazy: what a process reaches can be the whole network, and only the processes lines use are asked.
      get source(): LineSource {
        const background = [...new Set(reach(i).map((f) => f.id))];
        return {
          citation: `foreground process "${p.id}"${p.source ? ` (${p.source})` : ''}, network of ${n} process${n === 1 ? '' : 'es'} solved by GreenLCA`
            + (background.length ? `; background factors: ${background.join(', ')}` : ''),
        };
      },
      co2Only: false,
      isCustom: true,
      get upstream() {
        return reach(i);
      },
    });
  });
}

/** Origin kinds carried through the network apart (notSplit is the rest of the total). */
const SPLIT_KINDS: readonly OriginKind[] = ['fossil', 'biogenicCO2', 'biogenicCO2Removals', 'biogenicNonCO2'];

/** 15 significant digits: the solver's last-bit noise is not data. */
function clean(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(15));
}

/**
 * Background factors each process reaches through the network (for citations and factor-fit warnings),
 * in breadth-first order, computed on first ask and kept: the supplier lists are built once, so each
 * process asked costs one walk of the network.
 */
function reachOf(direct: ResolvedFactor[][], exchanges: TechnosphereExchange[], index: Map<string, number>): (start: number) => ResolvedFactor[] {
  const suppliers: number[][] = direct.map(() => []);
  for (const e of exchanges) if (e.input) suppliers[index.get(String(e.process))!]!.push(index.get(String(e.product))!);
  const known = new Map<number, ResolvedFactor[]>();
  return (start) => {
    const cached = known.get(start);
    if (cached) return cached;
    const seen = new Set<number>([start]);
    const queue = [start];
    const out: ResolvedFactor[] = [];
    for (let head = 0; head < queue.length; head++) {
      const i = queue[head]!;
      for (const f of direct[i]!) out.push(f);
      for (const j of suppliers[i]!) if (!seen.has(j)) seen.add(j), queue.push(j);
    }
    known.set(start, out);
    return out;
  };
}
