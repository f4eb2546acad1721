'use strict';
// A TFLite flatbuffer reader and interpreter on TensorFlow.js ops (CPU backend), written for face3d's golden
// references: it covers the operators of MediaPipe's face detection and FaceMesh models and nothing more.
// Field numbers follow tensorflow/lite/schema/schema.fbs.
const tf = require('@tensorflow/tfjs');

class Table {
  constructor(buf, pos) {
    this.b = buf; this.pos = pos;
    this.vt = pos - buf.readInt32LE(pos);
    this.vtSize = buf.readUInt16LE(this.vt);
  }
  off(field) {
    const o = 4 + 2 * field;
    if (o >= this.vtSize) return 0;
    return this.b.readUInt16LE(this.vt + o);
  }
  int(field, def = 0) { const o = this.off(field); return o ? this.b.readInt32LE(this.pos + o) : def; }
  byte(field, def = 0) { const o = this.off(field); return o ? this.b.readUInt8(this.pos + o) : def; }
  ref(field) { const o = this.off(field); if (!o) return 0; const p = this.pos + o; return p + this.b.readUInt32LE(p); }
  table(field) { const p = this.ref(field); return p ? new Table(this.b, p) : null; }
  str(field) { const p = this.ref(field); if (!p) return null; const n = this.b.readUInt32LE(p); return this.b.toString('utf8', p + 4, p + 4 + n); }
  tables(field) {
    const p = this.ref(field); if (!p) return [];
    const n = this.b.readUInt32LE(p); const out = [];
    for (let i = 0; i < n; i++) { const e = p + 4 + 4 * i; out.push(new Table(this.b, e + this.b.readUInt32LE(e))); }
    return out;
  }
  ints(field) {
    const p = this.ref(field); if (!p) return [];
    const n = this.b.readUInt32LE(p); const out = [];
    for (let i = 0; i < n; i++) out.push(this.b.readInt32LE(p + 4 + 4 * i));
    return out;
  }
  bytes(field) {
    const p = this.ref(field); if (!p) return null;
    const n = this.b.readUInt32LE(p); return this.b.subarray(p + 4, p + 4 + n);
  }
}

const OP = {0: 'ADD', 2: 'CONCATENATION', 3: 'CONV_2D', 4: 'DEPTHWISE_CONV_2D', 6: 'DEQUANTIZE', 14: 'LOGISTIC',
  17: 'MAX_POOL_2D', 19: 'RELU', 21: 'RELU6', 22: 'RESHAPE', 23: 'RESIZE_BILINEAR', 34: 'PAD', 54: 'PRELU',
  97: 'RESIZE_NEAREST_NEIGHBOR'};

function half(h) { // IEEE 754 binary16 -> number
  const s = h & 0x8000 ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
  if (e === 0) return s * Math.pow(2, -14) * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * Math.pow(2, e - 15) * (1 + f / 1024);
}

class Model {
  constructor(file) {
    const buf = require('fs').readFileSync(file);
    const model = new Table(buf, buf.readUInt32LE(0));
    this.codes = model.tables(1).map(c => Math.max(c.byte(0), c.int(3)));
    const buffers = model.tables(4);
    const sg = model.tables(2)[0];
    this.tensors = sg.tables(0).map(t => ({shape: t.ints(0), type: t.byte(1), buffer: t.int(2), name: t.str(3)}));
    this.inputs = sg.ints(1); this.outputs = sg.ints(2);
    this.ops = sg.tables(3).map(o => ({code: this.codes[o.int(0)], inputs: o.ints(1), outputs: o.ints(2), opt: o.table(4)}));
    this.consts = new Map();
    this.tensors.forEach((t, i) => {
      const data = t.buffer > 0 ? buffers[t.buffer].bytes(0) : null;
      if (!data || data.length === 0) return;
      const n = t.shape.reduce((a, b) => a * b, 1);
      let v;
      if (t.type === 0) v = new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + 4 * n));
      else if (t.type === 1) { v = new Float32Array(n); for (let k = 0; k < n; k++) v[k] = half(data.readUInt16LE(2 * k)); }
      else if (t.type === 2) v = new Int32Array(data.buffer.slice(data.byteOffset, data.byteOffset + 4 * n));
      else throw new Error('tensor type ' + t.type + ' of ' + t.name);
      this.consts.set(i, v);
    });
    this.weights = new Map(); // prepared tfjs tensors, built once
  }

  value(env, i) {
    if (env.has(i)) return env.get(i);
    const c = this.consts.get(i);
    if (c === undefined) throw new Error('tensor ' + i + ' (' + this.tensors[i].name + ') has no value');
    const t = tf.tensor(c, this.tensors[i].shape, c instanceof Int32Array ? 'int32' : 'float32');
    env.set(i, t);
    return t;
  }

  static act(x, a) {
    if (a === 0) return x;
    if (a === 1) return tf.relu(x);
    if (a === 3) return tf.relu6(x);
    throw new Error('activation ' + a);
  }

  /** input: Float32Array NHWC [1, S, S, 3]; returns the outputs' Float32Arrays in subgraph order. */
  run(input) {
    return tf.tidy(() => {
      const env = new Map();
      env.set(this.inputs[0], tf.tensor(input, this.tensors[this.inputs[0]].shape, 'float32'));
      for (const op of this.ops) {
        const name = OP[op.code];
        const x = () => this.value(env, op.inputs[0]);
        const w = k => this.value(env, op.inputs[k]);
        let y;
        switch (name) {
          case 'DEQUANTIZE': y = w(0); break;
          case 'CONV_2D': {
            const pad = op.opt.byte(0) === 0 ? 'same' : 'valid';
            const filt = tf.transpose(w(1), [1, 2, 3, 0]);
            y = tf.conv2d(x(), filt, [op.opt.int(2, 1), op.opt.int(1, 1)], pad, 'NHWC', [op.opt.int(5, 1), op.opt.int(4, 1)]);
            if (op.inputs.length > 2 && op.inputs[2] >= 0) y = tf.add(y, w(2));
            y = Model.act(y, op.opt.byte(3)); break;
          }
          case 'DEPTHWISE_CONV_2D': {
            const pad = op.opt.byte(0) === 0 ? 'same' : 'valid';
            const s = this.tensors[op.inputs[1]].shape; const cin = this.tensors[op.inputs[0]].shape[3];
            const filt = tf.reshape(w(1), [s[1], s[2], cin, s[3] / cin]);
            y = tf.depthwiseConv2d(x(), filt, [op.opt.int(2, 1), op.opt.int(1, 1)], pad, 'NHWC', [op.opt.int(6, 1), op.opt.int(5, 1)]);
            if (op.inputs.length > 2 && op.inputs[2] >= 0) y = tf.add(y, w(2));
            y = Model.act(y, op.opt.byte(4)); break;
          }
          case 'ADD': y = Model.act(tf.add(x(), w(1)), op.opt ? op.opt.byte(0) : 0); break;
          case 'RELU': y = tf.relu(x()); break;
          case 'RELU6': y = tf.relu6(x()); break;
          case 'LOGISTIC': y = tf.sigmoid(x()); break;
          case 'PRELU': y = tf.prelu(x(), w(1)); break;
          case 'MAX_POOL_2D': {
            const pad = op.opt.byte(0) === 0 ? 'same' : 'valid';
            y = Model.act(tf.maxPool(x(), [op.opt.int(4), op.opt.int(3)], [op.opt.int(2), op.opt.int(1)], pad), op.opt.byte(5));
            break;
          }
          case 'PAD': {
            const p = Array.from(this.consts.get(op.inputs[1]));
            y = tf.pad(x(), [[p[0], p[1]], [p[2], p[3]], [p[4], p[5]], [p[6], p[7]]]); break;
          }
          case 'RESHAPE': {
            let shape = op.opt ? op.opt.ints(0) : [];
            if (op.inputs.length > 1 && this.consts.has(op.inputs[1])) shape = Array.from(this.consts.get(op.inputs[1]));
            if (shape.length === 0) shape = this.tensors[op.outputs[0]].shape;
            y = tf.reshape(x(), shape); break;
          }
          case 'CONCATENATION': {
            const xs = op.inputs.map(i => this.value(env, i));
            let axis = op.opt.int(0); if (axis < 0) axis += xs[0].rank;
            y = Model.act(tf.concat(xs, axis), op.opt.byte(1)); break;
          }
          case 'RESIZE_BILINEAR': {
            const sz = Array.from(this.consts.get(op.inputs[1]));
            y = tf.image.resizeBilinear(x(), sz, op.opt.byte(2) === 1, op.opt.byte(3) === 1); break;
          }
          case 'RESIZE_NEAREST_NEIGHBOR': {
            const sz = Array.from(this.consts.get(op.inputs[1]));
            y = tf.image.resizeNearestNeighbor(x(), sz, op.opt.byte(0) === 1, op.opt.byte(1) === 1); break;
          }
          default: throw new Error('operator ' + op.code + ' is not implemented');
        }
        env.set(op.outputs[0], y);
      }
      return this.outputs.map(i => env.get(i).dataSync().slice());
    });
  }
}

module.exports = {Model};
