import json, math
mp = json.load(open('/tmp/mpwork/two.json'))
# one dlib-reference JSON document per photo (tools/dlib-reference, --detect), first face of each
dl = [json.load(open(p))['faces'][0]['parts'] for p in sorted(__import__('glob').glob('/tmp/mpwork/dlibref/*.json'))]
imgs=[]
for doc, d in zip(mp, dl):
    Dn = doc['faces'][0]['dense']; D = [(d[k][0]+0.5, d[k][1]+0.5) for k in range(68)]
    imgs.append((Dn, D, math.dist(D[36], D[45])))
for k in range(17,68):
    sc=[]
    for v in range(468):
        sc.append((sum(math.dist(Dn[v][:2], D[k])/iod*100 for Dn,D,iod in imgs)/len(imgs), v))
    sc.sort()
    print(k, ' '.join('%d:%.1f' % (v, e) for e, v in sc[:4]))
