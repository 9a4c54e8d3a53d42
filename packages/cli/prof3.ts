import { readNetwork, runNetwork } from './src/commands/network.js';
const n = Number(process.argv[2] ?? 20000);
const net = readNetwork(`../../test/bench/.networks/n${n}`);
const r = runNetwork(net, { multi: false, mc: Number(process.argv[3] ?? 40), seed: 42, repeats: 1, warmup: 1 });
console.log(r.timingsMs, r.details.mc);
