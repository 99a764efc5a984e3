// gen.js writes the hanzi→pinyin table the app searches with, from the
// npm package pinyin-pro (MIT). Usage: node gen.js PINYIN_PRO_DIR DATA_DIR OUT_DIR
//
// readings.txt: one line per toneless reading: "zhong<TAB>中钟忠…", the
//   default reading of every character U+3400–U+9FFF that pinyin-pro knows.
// phrases.txt: "银行<TAB>yin hang", the words of the shipped data whose
//   reading in context differs from the characters' default readings.
'use strict';
const fs = require('fs');
const path = require('path');
const [ppDir, dataDir, outDir] = process.argv.slice(2);
const pp = require(path.join(ppDir, 'dist', 'index.js'));
const opt = { toneType: 'none', type: 'array', v: true };

const isHan = (c) => { const x = c.codePointAt(0); return x >= 0x3400 && x <= 0x9fff; };
const reading = (c) => {
  const r = pp.pinyin(c, opt)[0] || '';
  return /^[a-z]+$/.test(r) ? r : '';
};

const byReading = new Map();
const def = new Map();
for (let x = 0x3400; x <= 0x9fff; x++) {
  const c = String.fromCodePoint(x);
  const r = reading(c);
  if (!r) continue;
  def.set(c, r);
  if (!byReading.has(r)) byReading.set(r, []);
  byReading.get(r).push(c);
}
const lines = [...byReading.keys()].sort().map((r) => r + '\t' + byReading.get(r).join(''));
fs.writeFileSync(path.join(outDir, 'readings.txt'), lines.join('\n') + '\n');

// Every run of hanzi in the shipped data, plus the words the generated
// catalogue and service halls add to it.
const texts = ['情形', '省级', '市级', '县级', '政务服务中心', '周一至周五'];
for (const f of fs.readdirSync(dataDir)) {
  if (!/\.(csv|json|geojson)$/.test(f)) continue;
  const s = fs.readFileSync(path.join(dataDir, f), 'utf8');
  for (const m of s.matchAll(/[\u3400-\u9fff]+/g)) texts.push(m[0]);
}
const phrases = new Map();
let missing = 0;
for (const t of new Set(texts)) {
  for (const c of t) if (!def.has(c)) { missing++; console.error('no reading for ' + c); }
  for (const seg of pp.segment(t, { toneType: 'none', v: true })) {
    const w = seg.origin;
    if ([...w].length < 2 || !isHan(w[0])) continue;
    const got = pp.pinyin(w, opt).join(' ');
    const plain = [...w].map((c) => def.get(c) || '').join(' ');
    if (!/^[a-z ]+$/.test(got) || got.split(' ').length !== [...w].length) continue;
    if (got !== plain) phrases.set(w, got);
  }
}
const pl = [...phrases.keys()].sort().map((w) => w + '\t' + phrases.get(w));
fs.writeFileSync(path.join(outDir, 'phrases.txt'), pl.join('\n') + '\n');
console.log(`readings: ${def.size} characters in ${byReading.size} readings; phrases: ${pl.length}; missing: ${missing}`);
if (missing) process.exit(1);
