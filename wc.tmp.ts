import { readFileSync } from 'node:fs';
import { benchCore } from './scripts/bench/scorecard-setup';
import { writeCost } from './scripts/bench/scorecard-rollups';
const org = JSON.parse(readFileSync('/tmp/clause5-bench-org-500x104-080a807afbdf.db.json', 'utf8'));
const b = benchCore(org, false, true);
for (const r of await writeCost(b, org, 6)) console.log(r.what, '|', r.result, '|', r.baseline, '|', r.ratio);
