import json, math, sys
mp = json.load(open('/tmp/mpwork/two.json'))
# one dlib-reference JSON document per photo (tools/dlib-reference, --detect), first face of each
dl = [json.load(open(p))['faces'][0]['parts'] for p in sorted(__import__('glob').glob('/tmp/mpwork/dlibref/*.json'))]
groups = {'jaw':range(0,17),'brows':range(17,27),'nose bridge':range(27,31),'nostrils':range(31,36),'eyes':range(36,48),'outer lip':range(48,60),'inner lip':range(60,68)}
allerr = {}
for doc, d in zip(mp, dl):
    P = doc['faces'][0]['points']
    D = [(d[k][0]+0.5, d[k][1]+0.5) for k in range(68)]
    iod = math.dist(D[36], D[45])
    errs = [math.dist(P[k], D[k])/iod*100 for k in range(68)]
    print(doc['image'].split('/')[-1], 'IOD %.1f mean %.2f%%' % (iod, sum(errs)/68))
    for g, r in groups.items():
        print('  %-12s %.2f%%' % (g, sum(errs[k] for k in r)/len(r)), ' '.join('%d:%.1f' % (k, errs[k]) for k in r))
    for k in range(68): allerr.setdefault(k, []).append((P[k][0]-D[k][0], P[k][1]-D[k][1]))
print('mean offsets (mp - dlib) px:')
print(' '.join('%d:(%.1f,%.1f)' % (k, sum(v[0] for v in allerr[k])/2, sum(v[1] for v in allerr[k])/2) for k in range(68)))
