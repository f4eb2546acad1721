#!/usr/bin/env python3
"""Runs dlib-reference on photos and synthetic images with many boxes and writes one gzipped JSON fixture.

    python3 make_fixtures.py OUT.json.gz [--model M] [--seed S] [--jitter N] [--decimals D] [--synthetic] IMAGE...

For each photo: dlib's HOG boxes (upsample 1) and, per HOG box, N jittered boxes (scale 0.8-1.25, shift up to
15% of the size, aspect change up to 10%; some pushed partly outside the image); the predictor runs on all of
them. With --synthetic, noise/gradient/mixed images (formulas shared with the Java test SyntheticImages) with
random boxes, many partly outside the image. Deterministic for a given seed. Only Python's standard library.
"""
import argparse, gzip, json, os, random, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))


DECIMALS = 4


def run(model, source, boxes, detect):
    cmd = [os.path.join(HERE, "dlib-reference"), model, source, "--decimals", str(DECIMALS)]
    if detect:
        cmd.append("--detect")
    for b in boxes:
        cmd += ["--box", ",".join(str(v) for v in b)]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def jitter(rng, box, width, height, n):
    l, t, w, h = box
    out = []
    for k in range(n):
        s = rng.uniform(0.8, 1.25)
        a = rng.uniform(0.9, 1.1)
        nw, nh = max(8, round(w * s * a)), max(8, round(h * s / a))
        cx = l + w / 2 + rng.uniform(-0.15, 0.15) * w
        cy = t + h / 2 + rng.uniform(-0.15, 0.15) * h
        nl, nt = round(cx - nw / 2), round(cy - nh / 2)
        if k % 5 == 4:  # push partly outside a random image edge
            side = rng.randrange(4)
            if side == 0: nl = -nw // 3
            elif side == 1: nt = -nh // 3
            elif side == 2: nl = width - 2 * nw // 3
            else: nt = height - 2 * nh // 3
        out.append([nl, nt, nw, nh])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("images", nargs="*")
    ap.add_argument("--model", default=os.path.expanduser("~/.face3d/models/dlib/shape_predictor_68_face_landmarks.dat"))
    ap.add_argument("--seed", type=int, default=20141)
    ap.add_argument("--jitter", type=int, default=30)
    ap.add_argument("--synthetic", action="store_true")
    ap.add_argument("--decimals", type=int, default=4, help="decimals of the unrounded points")
    args = ap.parse_intermixed_args()
    global DECIMALS
    DECIMALS = args.decimals
    rng = random.Random(args.seed)
    entries = []
    for path in args.images:
        hog = run(args.model, path, [], True)
        boxes = []
        for det in hog["hog"]:
            boxes += jitter(rng, det["box"], hog["width"], hog["height"], args.jitter)
        res = run(args.model, path, boxes, True)
        res["image"] = os.path.basename(path)
        entries.append(res)
        print(f"{path}: {len(res['hog'])} HOG boxes, {len(res['faces'])} faces", file=sys.stderr)
    if args.synthetic:
        for kind, w, h, seed in [("noise", 160, 120, 1), ("noise", 97, 211, 2), ("gradient", 200, 150, 3),
                                 ("mixed", 180, 180, 4), ("mixed", 64, 48, 5)]:
            boxes = []
            for k in range(8):
                bw = rng.randint(2, int(1.3 * w))
                bh = max(2, round(bw * rng.uniform(0.7, 1.4)))
                boxes.append([rng.randint(-bw // 2, w - bw // 2), rng.randint(-bh // 2, h - bh // 2), bw, bh])
            res = run(args.model, f"synth:{kind}:{w}:{h}:{seed}", boxes, False)
            entries.append(res)
            print(f"{res['image']}: {len(res['faces'])} boxes", file=sys.stderr)
    doc = {"generator": "tools/dlib-reference (dlib 19.24, Debian libdlib-dev) via make_fixtures.py seed %d" % args.seed,
           "images": entries}
    with gzip.GzipFile(args.out, "wb", mtime=0) as f:  # mtime 0: the same input gives the same bytes
        f.write(json.dumps(doc, separators=(",", ":")).encode())


if __name__ == "__main__":
    main()
