"""scikit-learn peer for `npm run bench`: TF-IDF of word unigrams and bigrams + one classifier, one-vs-rest for
multi-label. Writes one prediction a line ({"labels": [...], "top": label}) and a JSON summary to stdout.

Usage: python3 sklearn_system.py MODEL DATASET_DIR OUT_DIR   (MODEL: linearsvc | logreg | complementnb)
Decisions: labels whose decision value > 0 (LinearSVC) or probability > 0.5 (LogisticRegression, ComplementNB);
when none passes, the best label.
"""
import json, os, pickle, sys, time
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.multiclass import OneVsRestClassifier
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC
from sklearn.linear_model import LogisticRegression


def read(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [((r.get("title") or "") + "\n" + r["text"]) if r.get("title") else r["text"] for r in rows], [r["labels"] for r in rows]


def main():
    name, dataset, out = sys.argv[1], sys.argv[2], sys.argv[3]
    train_x, train_y = read(os.path.join(dataset, "train.jsonl"))
    test_x, _ = read(os.path.join(dataset, "test.jsonl"))
    multilabel = any(len(y) != 1 for y in train_y)
    base = {"linearsvc": lambda: LinearSVC(), "logreg": lambda: LogisticRegression(),
            "complementnb": lambda: ComplementNB()}[name]()
    vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    if multilabel:
        binarizer = MultiLabelBinarizer()
        y = binarizer.fit_transform(train_y)
        classes = list(binarizer.classes_)
        model = make_pipeline(vectorizer, OneVsRestClassifier(base))
    else:
        y = [labels[0] for labels in train_y]
        model = make_pipeline(vectorizer, base)
    start = time.perf_counter()
    model.fit(train_x, y)
    train_seconds = time.perf_counter() - start
    if not multilabel:
        classes = list(model.classes_)

    start = time.perf_counter()
    if name == "linearsvc":
        scores = model.decision_function(test_x)
        cut = 0.0
    else:
        scores = model.predict_proba(test_x)
        cut = 0.5
    if scores.ndim == 1:  # binary decision_function
        scores = np.stack([-scores, scores], axis=1)
    predictions = []
    for row in scores:
        best = int(np.argmax(row))
        chosen = [classes[i] for i in np.flatnonzero(row > cut)] if multilabel else [classes[best]]
        predictions.append({"labels": chosen or [classes[best]], "top": classes[best]})
    predict_seconds = time.perf_counter() - start

    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "predictions.jsonl"), "w", encoding="utf-8") as f:
        for p in predictions:
            f.write(json.dumps(p) + "\n")
    model_path = os.path.join(out, "model.pkl")
    with open(model_path, "wb") as f:
        pickle.dump(model, f, protocol=pickle.HIGHEST_PROTOCOL)
    print(json.dumps({"trainSeconds": train_seconds, "predictSeconds": predict_seconds, "testDocuments": len(test_x),
                      "modelBytes": os.path.getsize(model_path), "trainDocuments": len(train_x), "note": ""}))


if __name__ == "__main__":
    main()
