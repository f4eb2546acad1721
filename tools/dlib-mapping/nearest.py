import json, math
mp = json.load(open('/tmp/mpwork/two.json'))
dl = [l.split() for l in open('/tmp/mpwork/dlibref/dlib.txt')]
imgs=[]
for doc, d in zip(mp, dl):
    Dn = doc['faces'][0]['dense']; D = [(float(d[6+2*k])+0.5, float(d[7+2*k])+0.5) for k in range(68)]
    imgs.append((Dn, D, math.dist(D[36], D[45])))
for k in range(17,68):
    sc=[]
    for v in range(468):
        sc.append((sum(math.dist(Dn[v][:2], D[k])/iod*100 for Dn,D,iod in imgs)/len(imgs), v))
    sc.sort()
    print(k, ' '.join('%d:%.1f' % (v, e) for e, v in sc[:4]))
