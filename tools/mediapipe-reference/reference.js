'use strict';
// Golden MediaPipe outputs for face3d's Java port (face3d-vision, io.face3d.vision.mediapipe).
// Runs the local .tflite files (~/.face3d/models/mediapipe or $FACE3D_HOME/models/mediapipe) with TensorFlow.js
// on the CPU backend through tflite.js, and re-implements MediaPipe's face pipeline independently of the Java code:
// letterboxed whole-frame detection with the short- and full-range models ([-1, 1], RGB), SSD anchors, box and
// keypoint decoding, sigmoid with clipping, weighted NMS per model, the two models joined as the Java detector does; FaceMesh on the rotated 1.5x square ROI ([0, 1],
// replicated border), projection back to pixels with z scaled like x, one re-crop from the mesh.
// Images are sampled bilinearly at pixel centres from a 2x-halving pyramid (never more than 2 image pixels per
// tensor pixel), the resampling face3d defines.
//
// Usage: node reference.js OUT_DIR            (writes the fixtures of face3d-vision's golden test)
const fs = require('fs');
const path = require('path');
const {PNG} = require('pngjs');
const tf = require('@tensorflow/tfjs');
const {Model} = require('./tflite.js');

const MODELS = path.join(process.env.FACE3D_HOME || path.join(require('os').homedir(), '.face3d'), 'models', 'mediapipe');
const RES = path.join(__dirname, '..', '..', 'face3d-vision', 'src', 'test', 'resources');

function readPng(file) {
  const p = PNG.sync.read(fs.readFileSync(file));
  const rgb = new Uint8Array(p.width * p.height * 3);
  for (let i = 0, j = 0; i < p.width * p.height; i++, j += 4) { rgb[3 * i] = p.data[j]; rgb[3 * i + 1] = p.data[j + 1]; rgb[3 * i + 2] = p.data[j + 2]; }
  return {w: p.width, h: p.height, rgb};
}

function writePng(img, file) {
  const p = new PNG({width: img.w, height: img.h});
  for (let i = 0; i < img.w * img.h; i++) { p.data[4 * i] = img.rgb[3 * i]; p.data[4 * i + 1] = img.rgb[3 * i + 1]; p.data[4 * i + 2] = img.rgb[3 * i + 2]; p.data[4 * i + 3] = 255; }
  fs.writeFileSync(file, PNG.sync.write(p));
}

function halve(img) {
  const w = Math.floor(img.w / 2), h = Math.floor(img.h / 2);
  if (w < 1 || h < 1) return img;
  const out = new Uint8Array(3 * w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) {
    const a = (yy, xx) => img.rgb[3 * (yy * img.w + xx) + c];
    out[3 * (y * w + x) + c] = (a(2 * y, 2 * x) + a(2 * y, 2 * x + 1) + a(2 * y + 1, 2 * x) + a(2 * y + 1, 2 * x + 1) + 2) >> 2;
  }
  return {w, h, rgb: out};
}

function mirror(img) {
  const out = new Uint8Array(img.rgb.length);
  for (let y = 0; y < img.h; y++) for (let x = 0; x < img.w; x++) for (let c = 0; c < 3; c++)
    out[3 * (y * img.w + x) + c] = img.rgb[3 * (y * img.w + img.w - 1 - x) + c];
  return {w: img.w, h: img.h, rgb: out};
}

function side(a, b) { // a | b horizontally (same height)
  const w = a.w + b.w, out = new Uint8Array(3 * w * a.h);
  for (let y = 0; y < a.h; y++) {
    out.set(a.rgb.subarray(3 * y * a.w, 3 * (y + 1) * a.w), 3 * y * w);
    out.set(b.rgb.subarray(3 * y * b.w, 3 * (y + 1) * b.w), 3 * (y * w + a.w));
  }
  return {w, h: a.h, rgb: out};
}

// bilinear sample at continuous (x, y), pixel centres at i + 0.5; replicate or zero border
function pix(img, x, y, c, replicate) {
  if (replicate) { x = Math.max(0, Math.min(img.w - 1, x)); y = Math.max(0, Math.min(img.h - 1, y)); }
  else if (x < 0 || y < 0 || x >= img.w || y >= img.h) return null;
  return img.rgb[3 * (y * img.w + x) + c];
}

function sampleTensor(pyr, s, a, replicate, lo, hi) {
  const k0 = Math.sqrt(Math.abs(a[0] * a[4] - a[1] * a[3]));
  let k = 0;
  while (k0 / (1 << k) > 2 && pyr.level(k + 1).w < pyr.level(k).w) k++;
  const img = pyr.level(k), f = 1 / (1 << k);
  const out = new Float32Array(s * s * 3); const scale = (hi - lo) / 255;
  for (let j = 0; j < s; j++) for (let i = 0; i < s; i++) {
    const u = i + 0.5, v = j + 0.5;
    const x = f * (a[0] * u + a[1] * v + a[2]) - 0.5, y = f * (a[3] * u + a[4] * v + a[5]) - 0.5;
    const o = 3 * (j * s + i);
    if (!replicate && (x <= -1 || y <= -1 || x >= img.w || y >= img.h)) { out[o] = out[o + 1] = out[o + 2] = lo; continue; }
    const x0 = Math.floor(x), y0 = Math.floor(y), fx = x - x0, fy = y - y0;
    for (let c = 0; c < 3; c++) {
      const p = [pix(img, x0, y0, c, replicate), pix(img, x0 + 1, y0, c, replicate), pix(img, x0, y0 + 1, c, replicate), pix(img, x0 + 1, y0 + 1, c, replicate)];
      const wts = [(1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy];
      let sum = 0; for (let q = 0; q < 4; q++) if (p[q] !== null) sum += wts[q] * p[q];
      out[o + c] = lo + scale * sum;
    }
  }
  return out;
}

function pyramid(img) {
  const levels = [img];
  return {level(k) { while (levels.length <= k) levels.push(halve(levels[levels.length - 1])); return levels[k]; }};
}

// SsdAnchorsCalculator (fixed_anchor_size: only centres matter)
function anchors(o) {
  const out = []; let layer = 0;
  const scale = (i, n) => n === 1 ? (o.minScale + o.maxScale) / 2 : o.minScale + (o.maxScale - o.minScale) * i / (n - 1);
  while (layer < o.strides.length) {
    let count = 0, last = layer;
    while (last < o.strides.length && o.strides[last] === o.strides[layer]) { count += 1 + (o.interp > 0 ? 1 : 0); last++; }
    const fm = Math.ceil(o.size / o.strides[layer]);
    for (let y = 0; y < fm; y++) for (let x = 0; x < fm; x++) for (let a = 0; a < count; a++) out.push([(x + 0.5) / fm, (y + 0.5) / fm]);
    layer = last;
  }
  return out;
}

const SHORT = {file: 'face_detection_short_range.tflite', size: 128, minScale: 0.1484375, maxScale: 0.75, strides: [8, 16, 16, 16], interp: 1.0};
const FULL = {file: 'face_detection_full_range.tflite', size: 192, minScale: 0.1484375, maxScale: 0.75, strides: [4], interp: 0.0};

function detectPass(model, cfg, pyr, img, minScore) {
  const s = cfg.size, L = Math.max(img.w, img.h), left = img.w / 2 - L / 2, top = img.h / 2 - L / 2, k = L / s;
  const input = sampleTensor(pyr, s, [k, 0, left, 0, k, top], false, -1, 1);
  const outs = model.run(input);
  const [scores, boxes] = outs[0].length < outs[1].length ? [outs[0], outs[1]] : [outs[1], outs[0]];
  const anc = cfg.anchors || (cfg.anchors = anchors(cfg));
  if (anc.length !== scores.length) throw new Error('anchors ' + anc.length + ' vs scores ' + scores.length);
  const dets = [];
  for (let i = 0; i < anc.length; i++) {
    const logit = Math.max(-100, Math.min(100, scores[i])); const score = 1 / (1 + Math.exp(-logit));
    if (score < minScore) continue;
    const b = boxes.subarray(16 * i, 16 * i + 16), [ax, ay] = anc[i];
    const xc = b[0] / s + ax, yc = b[1] / s + ay, w = b[2] / s, h = b[3] / s;
    const kp = []; for (let q = 0; q < 6; q++) kp.push(left + (b[4 + 2 * q] / s + ax) * L, top + (b[5 + 2 * q] / s + ay) * L);
    dets.push({x0: left + (xc - w / 2) * L, y0: top + (yc - h / 2) * L, x1: left + (xc + w / 2) * L, y1: top + (yc + h / 2) * L, score, kp});
  }
  return dets;
}

function iou(a, b) {
  const iw = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), ih = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (iw <= 0 || ih <= 0) return 0;
  const inter = iw * ih; return inter / ((a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter);
}

function weightedNms(dets, thr) {
  let rem = dets.slice().sort((a, b) => b.score - a.score); const out = [];
  while (rem.length) {
    const best = rem[0], rest = [], m = {x0: 0, y0: 0, x1: 0, y1: 0, kp: new Array(12).fill(0)}; let sw = 0;
    for (const d of rem) {
      if (d === best || iou(best, d) > thr) {
        sw += d.score; for (const f of ['x0', 'y0', 'x1', 'y1']) m[f] += d.score * d[f];
        d.kp.forEach((v, q) => { m.kp[q] += d.score * v; });
      } else rest.push(d);
    }
    out.push({x0: m.x0 / sw, y0: m.y0 / sw, x1: m.x1 / sw, y1: m.y1 / sw, score: best.score, kp: m.kp.map(v => v / sw)});
    rem = rest;
  }
  return out;
}

function levelAngle(xr, yr, xl, yl) {
  const a = -Math.atan2(-(yl - yr), xl - xr);
  return a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
}

function runMesh(model, pyr, roi) {
  const S = 192, c = Math.cos(roi.angle), sn = Math.sin(roi.angle), k = roi.size / S;
  const a = [c * k, -sn * k, roi.cx - (c - sn) * roi.size / 2, sn * k, c * k, roi.cy - (sn + c) * roi.size / 2];
  const outs = model.run(sampleTensor(pyr, S, a, true, 0, 1));
  const [pts, flag] = outs[0].length === 1404 ? outs : [outs[1], outs[0]];
  const dense = [];
  for (let i = 0; i < 468; i++) {
    const u = pts[3 * i], v = pts[3 * i + 1];
    dense.push([a[0] * u + a[1] * v + a[2], a[3] * u + a[4] * v + a[5], pts[3 * i + 2] * roi.size / S]);
  }
  return {dense, presence: 1 / (1 + Math.exp(-flag[0]))};
}

function roiFromMesh(dense) {
  const xs = dense.map(p => p[0]), ys = dense.map(p => p[1]);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  return {cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, size: 1.5 * Math.max(x1 - x0, y1 - y0),
    angle: levelAngle(dense[33][0], dense[33][1], dense[263][0], dense[263][1])};
}

function process1(models, img, name) {
  const pyr = pyramid(img);
  // each model's detections suppressed on their own; short-range boxes under 20% of the frame are unreliable and
  // dropped; where both models see a face the short-range box wins from 25% of the frame up (boxes of the two
  // models follow different conventions, so they are not averaged)
  const L = Math.max(img.w, img.h), side = d => Math.max(d.x1 - d.x0, d.y1 - d.y0);
  const near = weightedNms(detectPass(models.short, SHORT, pyr, img, 0.5).filter(d => side(d) >= 0.2 * L), 0.3);
  const far = weightedNms(detectPass(models.full, FULL, pyr, img, 0.5), 0.3);
  const dets = [];
  for (const n of near) {
    let best = -1;
    far.forEach((f, i) => { if (iou(n, f) > 0.3 && (best < 0 || iou(n, f) > iou(n, far[best]))) best = i; });
    if (best < 0) dets.push(n);
    else { const f = far.splice(best, 1)[0]; dets.push(side(n) >= 0.25 * L ? n : f); }
  }
  dets.push(...far);
  dets.sort((a, b) => b.score - a.score);
  const faces = dets.map(d => {
    const roi = {cx: (d.x0 + d.x1) / 2, cy: (d.y0 + d.y1) / 2, size: 1.5 * Math.max(d.x1 - d.x0, d.y1 - d.y0),
      angle: levelAngle(d.kp[0], d.kp[1], d.kp[2], d.kp[3])};
    const first = runMesh(models.mesh, pyr, roi);
    const second = runMesh(models.mesh, pyr, roiFromMesh(first.dense));
    return {box: [d.x0, d.y0, d.x1 - d.x0, d.y1 - d.y0], score: d.score, keypoints: d.kp, presence: second.presence, dense: second.dense};
  });
  return {image: name, width: img.w, height: img.h, generator: 'tools/mediapipe-reference/reference.js, @tensorflow/tfjs 4.22.0 cpu', faces};
}

// the 30-degree roll test image: astronaut rotated about the face centre (225, 125), 224 x 224 around it
function rolled(src) {
  const S = 224, t = 30 * Math.PI / 180, c = Math.cos(t), s = Math.sin(t), out = new Uint8Array(3 * S * S);
  for (let j = 0; j < S; j++) for (let i = 0; i < S; i++) {
    const dx = i + 0.5 - S / 2, dy = j + 0.5 - S / 2;
    const x = 225 + c * dx - s * dy - 0.5, y = 125 + s * dx + c * dy - 0.5;
    const x0 = Math.floor(x), y0 = Math.floor(y), fx = x - x0, fy = y - y0;
    for (let ch = 0; ch < 3; ch++) {
      const v = (1 - fx) * (1 - fy) * pix(src, x0, y0, ch, true) + fx * (1 - fy) * pix(src, x0 + 1, y0, ch, true)
        + (1 - fx) * fy * pix(src, x0, y0 + 1, ch, true) + fx * fy * pix(src, x0 + 1, y0 + 1, ch, true);
      out[3 * (j * S + i) + ch] = Math.round(v);
    }
  }
  return {w: S, h: S, rgb: out};
}

async function main() {
  await tf.setBackend('cpu');
  const outDir = process.argv[2] || path.join(RES, 'mediapipe-golden');
  fs.mkdirSync(outDir, {recursive: true});
  const models = {short: new Model(path.join(MODELS, SHORT.file)), full: new Model(path.join(MODELS, FULL.file)),
    mesh: new Model(path.join(MODELS, 'face_landmark.tflite'))};
  const astro = readPng(path.join(RES, 'astronaut.png'));
  const rollFile = path.join(RES, 'astronaut_roll30.png');
  if (!fs.existsSync(rollFile)) writePng(rolled(astro), rollFile);
  const half = halve(astro);
  const cases = {
    'astronaut': astro,
    'astronaut_roll30': readPng(rollFile),
    'astronaut_pair': side(half, mirror(half)), // built the same way by the Java test
  };
  for (const [name, img] of Object.entries(cases)) {
    const r = process1(models, img, name);
    const round = v => Math.round(v * 10000) / 10000;
    r.faces.forEach(f => { f.box = f.box.map(round); f.keypoints = f.keypoints.map(round); f.dense = f.dense.map(p => p.map(round)); f.score = round(f.score); f.presence = round(f.presence); });
    fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify(r));
    console.error(name + ': ' + r.faces.length + ' faces, presence ' + r.faces.map(f => f.presence).join(', '));
  }
}

main().catch(e => { console.error(e); process.exit(1); });
