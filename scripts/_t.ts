import { detect, showsBanner } from '../src/core/detect.js';
import { shippedPack } from '../src/core/pack.js';
const pack = await shippedPack();
for (const t of process.argv.slice(2)) { const d = detect(t, { hostname: '127.0.0.1' }, pack); console.log(d.severity, d.score, showsBanner(d), d.rules); }
