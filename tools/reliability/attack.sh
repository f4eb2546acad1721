#!/usr/bin/env bash
# Bad inputs of every class the reliability contract covers, made fresh, run through ./face3d end to end as a user
# runs it. Each check: the expected exit status within 30 s (a bad input; good work 120 s), no stack trace, at
# most the allowed error lines, and what must (not) be on disk afterwards. Prints one line per check and "N of M checks failed" at the end; exit 1
# when any failed. Needs python3 (to write the files); the full-disk check mounts a 256 KB tmpfs when run as root,
# else it limits the file size with ulimit -f.
#   tools/reliability/attack.sh            # all checks (about 10 minutes on 2 busy cores)
#   tools/reliability/attack.sh kill       # only the checks whose name contains "kill"
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
F="$root/face3d"
only="${1:-}"
w="$(mktemp -d /tmp/face3d-attack.XXXXXX)"
trap 'mountpoint -q "$w/full" 2>/dev/null && umount "$w/full"; rm -rf "$w"' EXIT
cd "$w" || exit 1
pass=0; fail=0
limit=30  # seconds an answer may take (the contract's bound for a bad input; good work is given longer)

note() { printf '%-5s %s\n' "$1" "$2"; }
bad() { fail=$((fail + 1)); note FAIL "$1: $2"; sed 's/^/      | /' err | head -8; }

# run NAME EXPECTED_STATUS MAX_ERROR_LINES CMD...: the contract of one command
run() {
  local name="$1" want="$2" lines="$3"; shift 3
  [ -n "$only" ] && [[ "$name" != *"$only"* ]] && { skip=1; return 0; }
  skip=0
  local t0=$SECONDS
  local lim="$limit"
  [ "$want" = 0 ] && [ "$limit" = 30 ] && lim=120  # good work is not held to the bad-input bound
  timeout "$lim" "$@" >out 2>err </dev/null
  rc=$?
  local took=$((SECONDS - t0))
  if [ "$rc" = 124 ]; then bad "$name" "no answer within $lim s"; return 1; fi
  if grep -qE '^\s+at [a-zA-Z]|Exception in thread|^Caused by:|\[picocli WARN\]' err; then
    bad "$name" "stack trace or warning on stderr"; return 1
  fi
  if [ "$rc" != "$want" ]; then bad "$name" "exit $rc, expected $want"; return 1; fi
  local n; n=$(grep -ciE 'error' err)
  if [ "$n" -gt "$lines" ]; then bad "$name" "$n error lines, at most $lines expected"; return 1; fi
  pass=$((pass + 1)); note ok "$name (${took}s, exit $rc)"
}
# expect NAME CONDITION...: a check on what the previous run left (skipped with it)
expect() {
  local name="$1"; shift
  [ "$skip" = 1 ] && return 0
  if "$@"; then pass=$((pass + 1)); note ok "$name"; else bad "$name" "not true: $*"; fi
}
say() { grep -qiE "$1" err; }
no_temps() { ! find "$1" -name '.face3d-*' | grep -q .; }

# ---------------------------------------------------------------- inputs
cp "$root/examples/astronaut.png" face.png
python3 - <<'EOF'
import json, struct, zlib, os
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
def png(w, h, extra=b''):
    raw = b''.join(b'\0' + bytes(3 * w) for _ in range(h))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + extra
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))
open('tiny.png', 'wb').write(png(32, 32))
# 1.5 MB compressed text chunk that inflates to ~1.5 GB
z = zlib.compressobj(9)
body = b''.join(z.compress(bytes(1 << 20)) for _ in range(1500)) + z.flush()
open('bomb.png', 'wb').write(png(32, 32, chunk(b'zTXt', b'Comment\0\0' + body)))
# a header claiming 60000 x 60000 pixels
open('huge.png', 'wb').write(png(1, 1)[:16] + struct.pack('>II', 60000, 60000) + png(1, 1)[24:])
# PLY: an element with no properties and a huge count (was a 17-minute loop)
open('hang.ply', 'w').write('ply\nformat ascii 1.0\nelement vertex 3\nproperty float x\nproperty float y\n'
    'property float z\nelement junk 9223372036854775807\nelement face 1\nproperty list uchar int vertex_indices\n'
    'end_header\n0 0 0\n1 0 0\n0 1 0\n3 0 1 2\n')
EOF
"$F" landmarks face.png -o good.json 2>/dev/null || { echo "cannot make a good landmark file" >&2; exit 1; }
python3 - <<'EOF'
import json, copy
g = json.load(open('good.json'))
def put(name, doc): json.dump(doc, open(name, 'w'))
d = copy.deepcopy(g); d['faces'] = [None]; put('nullface.json', d)
d = copy.deepcopy(g); d['faces'][0]['points'][5] = [None, None]; put('nullpoint.json', d)
d = copy.deepcopy(g); d['faces'][0]['box'] = ['NaN', 'NaN', 'NaN', 'NaN']; put('nanbox.json', d)
d = copy.deepcopy(g); d['faces'][0]['points'][7] = [1e6, -1e6]; put('farlandmark.json', d)
d = copy.deepcopy(g); d['faces'][0]['points'] = 'x'; put('stringpoints.json', d)
d = copy.deepcopy(g); d['faces'][0]['points'][3] = [1e309, 1]; open('inf.json', 'w').write(json.dumps(d).replace('Infinity', '1e309'))
open('notjson.json', 'w').write('{"faces": [')
EOF
mkdir -p a b && cp good.json a/x.json && cp good.json b/x.json
# TIFF and JPEG of the face by the JDK's own writers; WebP (no writer at hand) from the fuzz seed, a 1x1 image
cat > Convert.java <<'EOF2'
public class Convert {
    public static void main(String[] a) throws Exception {
        var img = javax.imageio.ImageIO.read(new java.io.File(a[0]));
        var rgb = new java.awt.image.BufferedImage(img.getWidth(), img.getHeight(), java.awt.image.BufferedImage.TYPE_INT_RGB);
        rgb.getGraphics().drawImage(img, 0, 0, null);
        for (int i = 1; i < a.length; i++) {
            javax.imageio.ImageIO.write(rgb, a[i].substring(a[i].lastIndexOf('.') + 1), new java.io.File(a[i]));
        }
        // a gradient of 4000 x 4000 pixels: 48 MB of pixels, more than a 64 MB heap holds beside the JVM
        var big = new java.awt.image.BufferedImage(4000, 4000, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4000; y++) for (int x = 0; x < 4000; x++) big.setRGB(x, y, (x * 255 / 4000) << 8 | (y * 255 / 4000));
        javax.imageio.ImageIO.write(big, "png", new java.io.File("big.png"));
    }
}
EOF2
java Convert.java face.png face.jpg face.tif
cp "$root/face3d-core/src/test/resources/fuzz/image/lossy.webp" tiny.webp
printf '\0\0\0\030ftypheic\0\0\0\0mif1heic' > face.heic
mkdir dir.png; mkfifo fifo.png

# ---------------------------------------------------------------- 1 hangs
run "1 ply element without properties (evaluate)" 2 1 "$F" evaluate hang.ply hang.ply
run "1 ply element without properties (assess --rest)" 2 1 "$F" assess --rest hang.ply -o assess-out

# ---------------------------------------------------------------- 2 one bad file does not abort a batch
run "2 fit [null] face among good" 2 3 "$F" fit good.json nullface.json -o fit-out
expect "2 fit wrote the good file" test -s fit-out/good.json -a -s fit-out/good.obj
expect "2 fit wrote nothing for the bad file" test ! -e fit-out/nullface.json
run "2 lift [null] face among good" 2 3 "$F" lift good.json nullface.json -o lift-out
expect "2 lift wrote the good file" test -s lift-out/good.lift.json
run "2 cluster [null] face among good" 2 3 "$F" cluster --people 1 good.json a/x.json nullface.json -o cluster-out
expect "2 cluster wrote the assignment" test -s cluster-out/assignment.csv
run "2 fit --person with a bad file" 2 3 "$F" fit --person good.json nullface.json -o fitp-out
expect "2 fit --person wrote the person" test -s fitp-out/person.json

# ---------------------------------------------------------------- 3 option values
run "3 evaluate --samples 400000000" 2 1 "$F" evaluate hang.ply hang.ply --samples 400000000
run "3 evaluate --samples 2000000000" 2 1 "$F" evaluate hang.ply hang.ply --samples 2000000000
run "3 landmarks --box 0,0,1e300,1e300" 2 2 "$F" landmarks face.png --box 0,0,1e300,1e300
run "3 landmarks --box NaN" 2 2 "$F" landmarks face.png --box NaN,0,10,10
run "3 reconstruct --focal 1e309" 2 1 "$F" reconstruct face.png --focal 1e309 -o rec-focal
run "3 reconstruct --threads 0" 2 1 "$F" reconstruct face.png --threads 0 -o rec-threads
run "3 cluster --people 0" 2 1 "$F" cluster --people 0 good.json -o cl0
run "3 bench --size -5" 2 1 "$F" bench fit --size -5 -o bench-neg
touch afile
run "3 lift -o EXISTING_FILE/out.json" 2 1 "$F" lift good.json -o afile/out.json
run "3 unknown option" 2 1 "$F" reconstruct face.png --no-such-option

# ---------------------------------------------------------------- 4 lift atomic: full disk, symlink
mkdir -p full
if mount -t tmpfs -o size=256k tmpfs full 2>/dev/null; then
  head -c 1000000 /dev/zero > full/filler 2>/dev/null
  run "4 lift on a full disk (tmpfs): each input told, exit 2 (free space)" 2 3 "$F" lift good.json a/x.json -o full
else
  run "4 lift with ulimit -f (full disk)" 2 3 bash -c "ulimit -f 8; exec '$F' lift good.json a/x.json -o full"
fi
expect "4 full disk: no truncated output under a real name" \
  bash -c 'for f in full/*.lift.json; do [ -e "$f" ] || continue; python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$f" || exit 1; done'
expect "4 full disk: no temporaries left" no_temps full
mountpoint -q full && umount full
mkdir -p sym && echo keep > victim.txt && ln -s "$w/victim.txt" sym/good.lift.json
run "4 lift into a planted symlink" 0 0 "$F" lift good.json -o sym
expect "4 symlink target untouched" grep -qx keep victim.txt
expect "4 symlink replaced by the output" test ! -L sym/good.lift.json -a -s sym/good.lift.json
run "4 lift goes past a bad file" 2 3 "$F" lift notjson.json good.json -o lift-past
expect "4 lift wrote the good one after the bad" test -s lift-past/good.lift.json

# ---------------------------------------------------------------- 5 same-stem collisions
run "5 reconstruct face.png face.jpg" 2 1 "$F" reconstruct face.png face.jpg -o stem-rec
expect "5 reconstruct wrote nothing" test ! -e stem-rec/face.json
run "5 fit a/x.json b/x.json" 2 1 "$F" fit a/x.json b/x.json -o stem-fit
run "5 lift a/x.json b/x.json" 2 1 "$F" lift a/x.json b/x.json -o stem-lift
run "5 cluster a/x.json b/x.json (no name clash: one assignment)" 0 0 "$F" cluster --people 1 a/x.json b/x.json -o stem-cl

# ---------------------------------------------------------------- 6 kill -9 mid-run
mkdir -p kill-in && for i in $(seq -w 1 24); do cp face.png kill-in/p$i.png; done
if [ -z "$only" ] || [[ "6 kill" == *"$only"* ]]; then
  "$F" reconstruct kill-in -o kill-out --threads 1 >/dev/null 2>kill.err </dev/null &
  pid=$!
  for _ in $(seq 1 300); do sleep 0.1; ls kill-out/*.json >/dev/null 2>&1 && break; done
  sleep 0.3
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  sleep 0.5
  skip=0
  # [f] keeps grep from matching its own command line
  expect "6 kill -9 of ./face3d leaves no JVM running" bash -c "! ps -eo args | grep -q '[f]ace3d.jar reconstruct kill-in'"
  expect "6 kill -9 came mid-run" bash -c 'test $(ls kill-out/p*.json | wc -l) -lt 24'
  expect "6 kill -9: each photo has all its outputs or none" bash -c \
    'for j in kill-out/*.obj; do [ -e "$j" ] || continue; s=${j%.obj}; test -s "$s.json" -a -s "${s}_overlay.png" || exit 1; done'
  limit=180 run "6 rerun after kill -9" 0 0 "$F" reconstruct kill-in -o kill-out --threads 2
  expect "6 rerun removed the killed run's temporaries" no_temps kill-out
  expect "6 rerun wrote every photo" bash -c 'test $(ls kill-out/p*.json | wc -l) = 24'
  # kill (SIGTERM; SIGINT is ignored by background jobs of a script) leaves the same: complete photos or none
  "$F" reconstruct kill-in -o int-out --threads 1 >/dev/null 2>int.err </dev/null &
  pid=$!
  for _ in $(seq 1 300); do sleep 0.1; ls int-out/*.json >/dev/null 2>&1 && break; done
  kill -TERM "$pid"; wait "$pid" 2>/dev/null
  expect "6 kill (SIGTERM): the JVM stopped" bash -c "! ps -eo args | grep -q '[f]ace3d.jar reconstruct kill-in -o int-out'"
  expect "6 kill (SIGTERM): each photo has all its outputs or none" bash -c \
    'for j in int-out/*.obj; do [ -e "$j" ] || continue; s=${j%.obj}; test -s "$s.json" -a -s "${s}_overlay.png" || exit 1; done'
fi

# ---------------------------------------------------------------- 7 self-ingestion
mkdir -p self && cp face.png self/
run "7 reconstruct DIR -o DIR (first)" 0 0 "$F" reconstruct self -o self
run "7 reconstruct DIR -o DIR (again)" 0 0 "$F" reconstruct self -o self
expect "7 no output of an output" bash -c '! ls self | grep -q _overlay_'
run "7 fit DIR -o DIR: output replaces its input" 2 1 "$F" fit a/x.json -o a

# ---------------------------------------------------------------- 8 exit codes of batches
run "8 cluster with an unreadable input" 2 3 "$F" cluster --people 1 good.json a/x.json notjson.json -o cl-bad
run "8 reconstruct --person with a bad photo" 2 3 "$F" reconstruct --person face.png tiny.png -o person-out
expect "8 --person still wrote the person" test -s person-out/person.json

# ---------------------------------------------------------------- 9 memory bombs
run "9 PNG with a 1.5 GB text chunk (no face)" 2 2 "$F" landmarks bomb.png
expect "9 bomb: reported as no face, not as corrupt" say 'no face'
run "9 PNG header claiming 60000x60000" 2 2 "$F" landmarks huge.png
run "9 out of memory is not 'corrupt'" 1 2 env FACE3D_JAVA_OPTS=-Xmx64m "$F" landmarks big.png
expect "9 out of memory names the fix" bash -c "grep -qiE 'out of memory|heap' err"

# ---------------------------------------------------------------- 10 silent acceptance
run "10 [null, null] point" 2 1 "$F" fit nullpoint.json -o fit-null
run "10 box of NaN strings" 2 1 "$F" fit nanbox.json -o fit-nan
run "10 1e309 coordinate" 2 1 "$F" fit inf.json -o fit-inf
run "10 points a string" 2 1 "$F" fit stringpoints.json -o fit-str
run "10 -o ''" 2 1 "$F" reconstruct face.png -o ''
expect "10 -o '' wrote nothing here" test ! -e face.json

# ---------------------------------------------------------------- 11 messages
run "11 folder named .png" 2 2 "$F" landmarks dir.png/
run "11 FIFO named .png" 2 2 "$F" landmarks fifo.png
expect "11 FIFO: says what it is" bash -c "! grep -q 'does not exist' err"
run "11 /dev/zero" 2 2 "$F" landmarks /dev/zero
expect "11 /dev/zero: says what it is" bash -c "! grep -q 'does not exist' err"
run "11 missing file" 2 2 "$F" landmarks nowhere.png
run "11 --detector opencv" 2 1 "$F" landmarks face.png --detector opencv
expect "11 --detector opencv: names the detectors" say 'mediapipe'
run "11 one far landmark" 2 1 "$F" fit farlandmark.json -o fit-far
expect "11 far landmark named" bash -c "! grep -q 'on a line' err"
run "11 malformed JSON: no Jackson internals" 2 1 "$F" fit notjson.json -o fit-nj
expect "11 no Jackson names" bash -c "! grep -qE 'JsonToken|double\\[\\]|com\\.fasterxml' err"
run "11 fit --help has no picocli warning" 0 0 "$F" fit --help

# ---------------------------------------------------------------- 12 inputs a user has
run "12 WebP image is read (no face in 1x1)" 2 2 "$F" landmarks tiny.webp -o webp.json
expect "12 WebP: read, found no face" say 'no face' 
run "12 TIFF photo" 0 0 "$F" landmarks face.tif -o tif.json
run "12 HEIC photo" 2 2 "$F" landmarks face.heic
expect "12 HEIC: says how to convert" say 'heif-convert|convert'
run "12 no face: landmarks exit 2" 2 2 "$F" landmarks tiny.png
run "12 no face: reconstruct exit 2" 2 2 "$F" reconstruct tiny.png -o noface-out

# ---------------------------------------------------------------- 13 a machine without libdlib-data
# a fresh FACE3D_HOME (the npm-fetched MediaPipe files copied to spare the download) and, in a private mount
# namespace, an empty folder over /usr/share/dlib: setup and the README's first command must not need dlib
models="${FACE3D_HOME:-$HOME/.face3d}/models"
if [ -d "$models/mediapipe" ] && unshare -m true 2>/dev/null; then
  mkdir -p fresh/models nodlib && cp -r "$models/mediapipe" "$models/web" fresh/models/ 2>/dev/null
  nodlib=(unshare -m bash -c 'mount --bind "$0/nodlib" /usr/share/dlib && shift && exec env FACE3D_HOME="$0/fresh" "$@"' "$w" x)
  limit=180  # a first run: setup copies and verifies the ICT model before the photo
  run "13 without libdlib-data: README's first command" 0 0 "${nodlib[@]}" "$F" reconstruct face.png -o fresh-out
  expect "13 setup said how to add dlib" say 'libdlib-data'
  expect "13 the photo was reconstructed" test -s fresh-out/face.json
  limit=30
  run "13 without libdlib-data: --detector dlib names the fix" 2 2 "${nodlib[@]}" "$F" landmarks face.png --detector dlib
  expect "13 --detector dlib: one line with apt-get" say 'apt-get install -y libdlib-data'
else
  note skip "13 without libdlib-data (needs unshare -m as root and set-up MediaPipe files)"
fi

# ---------------------------------------------------------------- progress inside long work
run "P photometric reconstruct" 0 0 "$F" reconstruct face.png --method photometric -o ph-out
expect "P photometric steps announced with the time left" say 'photometric refinement \(face 1 of 1\).*left'
run "P assess from photos" 0 0 "$F" assess --rest face.png --smile face.png -o assess-photos
expect "P assess steps announced with the time left" say 'face3d assess \[.*\]: reading and fitting the 2 photos.*left'

echo "$fail of $((pass + fail)) checks failed"
[ "$fail" = 0 ]
