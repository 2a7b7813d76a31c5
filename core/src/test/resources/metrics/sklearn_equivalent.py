"""Expected values for the metrics tests, computed with numpy re-implementations of scikit-learn's
algorithms (scikit-learn itself is not installed here). The ROC AUC deliberately uses sklearn's
algorithm (distinct thresholds, cumulative TP/FP counts, trapezoidal rule), not the rank formula
RocAuc uses, so the test cross-checks two methods. Run: /usr/bin/python3 sklearn_equivalent.py
"""
import numpy as np


def confusion(y_true, y_pred, n):
    cm = np.zeros((n, n), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    return cm


def prf(cm):
    """precision_recall_fscore_support(labels=range(n), zero_division=0)"""
    tp = np.diag(cm).astype(float)
    pred = cm.sum(axis=0).astype(float)
    true = cm.sum(axis=1).astype(float)
    div = lambda a, b: np.where(b == 0, 0.0, a / np.where(b == 0, 1, b))
    p, r = div(tp, pred), div(tp, true)
    f = div(2 * tp, pred + true)  # == 2pr/(p+r), 0 when tp+fp+fn == 0
    out = {"p": p, "r": r, "f": f, "support": true}
    for name, v in (("p", p), ("r", r), ("f", f)):
        out["macro_" + name] = v.mean()
        out["weighted_" + name] = (v * true).sum() / true.sum() if true.sum() else 0.0
        out["micro_" + name] = tp.sum() / cm.sum()
    return out


def roc_auc(y, s):
    y, s = np.asarray(y), np.asarray(s, dtype=float)
    order = np.argsort(s, kind="mergesort")[::-1]
    s, y = s[order], y[order]
    distinct = np.where(np.diff(s))[0]
    idx = np.r_[distinct, y.size - 1]
    tps = np.cumsum(y)[idx]
    fps = 1 + idx - tps
    tpr = np.r_[0, tps] / tps[-1]
    fpr = np.r_[0, fps] / fps[-1]
    return np.trapz(tpr, fpr)


np.set_printoptions(precision=17)
print("example A (3 classes)")
a = prf(confusion([0, 0, 0, 0, 1, 1, 1, 2, 2, 2], [0, 0, 0, 1, 1, 1, 2, 2, 2, 0], 3))
for k, v in a.items():
    print(" ", k, repr(v))
print("example B (4 classes, class 2 never true, class 3 never seen)")
b = prf(confusion([0, 0, 1, 1, 1, 0], [0, 2, 1, 0, 1, 0], 4))
for k, v in b.items():
    print(" ", k, repr(v))
print("roc sklearn doc example", roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]))
print("roc ties", repr(roc_auc([0, 0, 1, 1, 0, 1, 1, 0], [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2])))
print("roc all tied", roc_auc([0, 1, 0, 1, 1], [0.5] * 5))
print("roc perfect inverse", roc_auc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4]))
rng = np.random.default_rng(7)
y = rng.integers(0, 2, 200)
s = np.round(rng.normal(size=200) + y, 1)  # rounded: many ties
print("roc random 200 (seed 7, rounded)", repr(roc_auc(y, s)))
print("  y =", ",".join(map(str, y)))
print("  s =", ",".join(repr(float(v)) for v in s))
