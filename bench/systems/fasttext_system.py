"""fastText peer for `npm run bench` (the Debian `fasttext` CLI): supervised with word bigrams, `-loss ova` for
multi-label. Writes predictions ({"labels": [...], "top": label}) and a JSON summary to stdout.

Usage: python3 fasttext_system.py EPOCHS LEARNING_RATE DATASET_DIR OUT_DIR
Decisions: labels with probability > 0.5; when none passes, the best label. Timing covers the CLI runs
(training; prediction of the whole test file, text in, labels out).
"""
import json, os, re, subprocess, sys, time


def clean(text):
    return re.sub(r"\s+", " ", text).strip()


def read(path):
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return [clean(((r.get("title") or "") + " " + r["text"]) if r.get("title") else r["text"]) for r in rows], [r["labels"] for r in rows]


def label(name):
    return "__label__" + name.replace(" ", "_")


def main():
    epochs, rate, dataset, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    os.makedirs(out, exist_ok=True)
    train_x, train_y = read(os.path.join(dataset, "train.jsonl"))
    test_x, _ = read(os.path.join(dataset, "test.jsonl"))
    multilabel = any(len(y) != 1 for y in train_y)
    names = {label(l): l for labels in train_y for l in labels}
    train_file, test_file = os.path.join(out, "train.txt"), os.path.join(out, "test.txt")
    with open(train_file, "w", encoding="utf-8") as f:
        for text, labels in zip(train_x, train_y):
            f.write(" ".join(label(l) for l in labels) + " " + text + "\n")
    with open(test_file, "w", encoding="utf-8") as f:
        for text in test_x:
            f.write(text + "\n")
    model = os.path.join(out, "model")
    command = ["fasttext", "supervised", "-input", train_file, "-output", model, "-wordNgrams", "2", "-epoch", epochs, "-lr", rate,
               "-thread", "2", "-seed", "1", "-verbose", "0"]
    if multilabel:
        command += ["-loss", "ova"]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    train_seconds = time.perf_counter() - start
    start = time.perf_counter()
    result = subprocess.run(["fasttext", "predict-prob", model + ".bin", test_file, str(len(names))], check=True,
                            capture_output=True, text=True)
    predictions = []
    for line in result.stdout.splitlines():
        parts = line.split()
        pairs = [(names.get(parts[i], parts[i][9:]), float(parts[i + 1])) for i in range(0, len(parts) - 1, 2)]
        best = pairs[0][0]
        chosen = [n for n, p in pairs if p > 0.5] if multilabel else [best]
        predictions.append({"labels": chosen or [best], "top": best})
    predict_seconds = time.perf_counter() - start
    if len(predictions) != len(test_x):
        raise SystemExit(f"fasttext gave {len(predictions)} predictions for {len(test_x)} documents")
    with open(os.path.join(out, "predictions.jsonl"), "w", encoding="utf-8") as f:
        for p in predictions:
            f.write(json.dumps(p) + "\n")
    print(json.dumps({"trainSeconds": train_seconds, "predictSeconds": predict_seconds, "testDocuments": len(test_x),
                      "modelBytes": os.path.getsize(model + ".bin"), "trainDocuments": len(train_x), "note": ""}))


if __name__ == "__main__":
    main()
