'use strict';
// Cross-check with Google's own TF.js port of the MediaPipe face pipeline (@tensorflow-models/face-landmarks-
// detection 1.0.6, tfjs runtime, short-range detector, hard NMS, sampling with tf.image.transform on the full image):
// its graph-model loader is replaced by the local .tflite files run with tflite.js, so nothing is downloaded.
// Writes face3d-vision/src/test/resources/mediapipe-golden/tfjs-models.json: x, y of the 468 points per image
// (1/1000 pixel), the second reference of MediaPipeGoldenTest, independent of face3d's own geometry code.
//
// Usage: node tfjs-models-check.js
// @mediapipe/face_mesh (a peer dependency, unused with the tfjs runtime) reads navigator when loaded
if (typeof navigator === 'undefined') global.navigator = {userAgent: 'node', platform: 'linux'};
const path = require('path');
const fs = require('fs');
const tf = require('@tensorflow/tfjs');
const tfconv = require('@tensorflow/tfjs-converter');
const {PNG} = require('pngjs');
const {Model} = require('./tflite.js');
const MODELS = path.join(require('os').homedir(), '.face3d', 'models', 'mediapipe');

function fake(file, kind) {
  const m = new Model(path.join(MODELS, file));
  const run = input => {
    const data = input.dataSync();
    const outs = m.run(data);
    if (kind === 'detector') {
      const [scores, boxes] = outs[0].length < outs[1].length ? outs : [outs[1], outs[0]];
      const n = scores.length, r = new Float32Array(n * 17);
      for (let i = 0; i < n; i++) { r[17 * i] = scores[i]; r.set(boxes.subarray(16 * i, 16 * i + 16), 17 * i + 1); }
      return tf.tensor(r, [1, n, 17]);
    }
    const [pts, flag] = outs[0].length === 1404 ? outs : [outs[1], outs[0]];
    return [tf.tensor([1 / (1 + Math.exp(-flag[0]))], [1, 1, 1, 1]), tf.tensor(pts, [1, 1, 1, 1404])];
  };
  return {execute: (input, names) => run(input), predict: input => run(input), dispose: () => {}};
}

tfconv.loadGraphModel = async url => {
  if (url === 'short') return fake('face_detection_short_range.tflite', 'detector');
  if (url === 'mesh') return fake('face_landmark.tflite', 'mesh');
  throw new Error('unexpected model url ' + url);
};

function readPng(file) {
  const p = PNG.sync.read(fs.readFileSync(file));
  const rgb = new Int32Array(p.width * p.height * 3);
  for (let i = 0; i < p.width * p.height; i++) for (let c = 0; c < 3; c++) rgb[3 * i + c] = p.data[4 * i + c];
  return tf.tensor3d(rgb, [p.height, p.width, 3], 'int32');
}

(async () => {
  await tf.setBackend('cpu');
  const fld = require('@tensorflow-models/face-landmarks-detection');
  const det = await fld.createDetector(fld.SupportedModels.MediaPipeFaceMesh,
    {runtime: 'tfjs', maxFaces: 4, refineLandmarks: false, detectorModelUrl: 'short', landmarkModelUrl: 'mesh'});
  const res = path.join(__dirname, '..', '..', 'face3d-vision', 'src', 'test', 'resources');
  const out = {generator: 'tools/mediapipe-reference/tfjs-models-check.js, @tensorflow-models/face-landmarks-detection 1.0.6'};
  for (const f of ['astronaut.png', 'astronaut_roll30.png'].map(n => path.join(res, n))) {
    const img = readPng(f);
    det.reset();
    // first call: detection -> ROI -> mesh; second call (tracking mode): ROI from the first mesh -> mesh, i.e. the
    // one refinement pass face3d does
    await det.estimateFaces(img, {staticImageMode: false});
    const faces = await det.estimateFaces(img, {staticImageMode: false});
    const r = v => Math.round(v * 1000) / 1000;
    out[path.basename(f, '.png')] = faces.map(fc => fc.keypoints.map(k => [r(k.x), r(k.y)]));
  }
  fs.writeFileSync(path.join(res, 'mediapipe-golden', 'tfjs-models.json'), JSON.stringify(out));
})().catch(e => { console.error(e); process.exit(1); });
