"""The default-model baseline for `npm run bench:model`: TF-IDF of word unigrams and bigrams with one-vs-rest
LinearSVC (scikit-learn), trained on the silver training files of the default model's recipe (../shared/datasets/
news-topics: wcep, bbc, wcepx, wcepu, reuters silver, allsides.train, celebrity) with the labels as annotated;
predicts the four dev files. Decisions: labels with decision value > 0, else the best label.
Ancestors are added by the scorer (bench/model-bench.ts), as for news-topics.

Usage: python3 sklearn_news_baseline.py DATA_DIR OUT_DIR
"""
import json, os, sys, time
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import MultiLabelBinarizer
from sklearn.svm import LinearSVC


def read(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [((r.get("title") or "") + "\n" + r["text"]) if r.get("title") else r["text"] for r in rows], [r["labels"] for r in rows]


def main():
    data, out = sys.argv[1], sys.argv[2]
    texts, labels = [], []
    for name in ("wcep.train.jsonl", "bbc.train.jsonl", "wcepx.silver.jsonl", "wcepu.silver.jsonl", "reuters.silver.jsonl",
                 "allsides.train.jsonl", "celebrity.silver.jsonl"):
        x, y = read(os.path.join(data, name))
        texts += x
        labels += y
    binarizer = MultiLabelBinarizer()
    y = binarizer.fit_transform(labels)
    classes = list(binarizer.classes_)
    model = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), OneVsRestClassifier(LinearSVC()))
    start = time.perf_counter()
    model.fit(texts, y)
    seconds = time.perf_counter() - start
    os.makedirs(out, exist_ok=True)
    for name in ("allsides.dev.jsonl", "worldwide.dev.jsonl", "bbc.dev.jsonl", "wcep.dev.jsonl"):
        x, _ = read(os.path.join(data, name))
        scores = model.decision_function(x)
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            for row in scores:
                chosen = [classes[i] for i in np.flatnonzero(row > 0)] or [classes[int(np.argmax(row))]]
                f.write(json.dumps(chosen) + "\n")
    print(json.dumps({"trainSeconds": seconds}))


if __name__ == "__main__":
    main()
