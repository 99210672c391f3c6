/** Help texts and exit codes of the `news-topics` command. */
export const EXIT = {
  /** Every record was processed. */
  ok: 0,
  /** The run finished, but some records were bad (each has an error record in the output, or a line on stderr). */
  someRecordsFailed: 1,
  /** The command line is wrong (unknown command or option, missing argument). */
  usage: 2,
  /** Nothing useful could be done: an input or model file cannot be read, the model is invalid, training failed. */
  fatal: 3,
} as const;

export const MAIN_HELP = `news-topics — topic labels for news articles

Usage:
  news-topics classify [FILE...]        topics of articles (text, JSONL or CSV files, or standard input)
  news-topics train DATA --out MODEL    train a classifier on labelled JSONL or CSV
  news-topics eval MODEL DATA           evaluate a model on labelled JSONL or CSV
  news-topics adapt DATA --out MODEL    adapt the default model (or --base MODEL) to labelled examples
  news-topics worker --queue NAME       classify a BullMQ queue's records (Redis), until SIGTERM
  news-topics enqueue --queue NAME FILE...   feed records into the queue
  news-topics results --queue NAME      the queue's results as JSON Lines, in input order
  news-topics --version | --help        version, or this help; "news-topics COMMAND --help" for a command

Exit codes: 0 success; 1 some records failed (error records in the output); 2 usage error; 3 fatal error.
Standard output carries data only; diagnostics go to standard error.
`;

export const CLASSIFY_HELP = `Usage: news-topics classify [options] [FILE...]

Reads plain-text articles (each FILE is one article; none or "-" reads standard input), or records with --jsonl or
--csv, and writes their topics. Each output record carries the input record's id; a bad record gives an error record
({ id, line, error }) and the run goes on.

Input (by extension: .jsonl/.ndjson/.json are JSON Lines, .csv is CSV, anything else one article):
  --jsonl                 one JSON object per line (fields id, title, text)
  --csv                   CSV with a header row
  --text                  each file is one article, whatever its extension
  --text-field NAME       field/column holding the text (default "text"; alias --text-column)
  --id-field NAME         field/column holding the id (default "id"; alias --id-column)
  --title-field NAME      field/column holding the title (default "title"; alias --title-column)
Model and decisions:
  --model FILE            a model trained with "news-topics train" instead of the default news model
  --top-k N               at most N topics
  --threshold P           keep topics with score >= P (0 to 1)
  --hierarchy MODE        specific (default) or full (models whose labels are taxonomy ids)
  --explain               add the words behind each topic
  --places                add the countries the text mentions
  --any-language          classify texts that are clearly not English too (by default they get no topics
                          and their record says which language they are in)
Speed:
  --threads N             worker threads (default: one per core); records stay in input order, one output each
Output:
  --format FORMAT         table, json (one array) or jsonl (default: table for one article on a terminal, else jsonl)
`;

export const TRAIN_HELP = `Usage: news-topics train DATA --out MODEL [options]

Trains a classifier on labelled JSONL (fields text, labels, title) or CSV (by extension, or --jsonl/--csv) and writes
the model file atomically. Labels are a JSON array, or a string split on --label-separator. Optional fields of a
record: weight (a positive number), observed (the labels it speaks for; others are unknown for it, not negative) and
calibrate (false: it trains the scorers but is left out of calibration, thresholds and the choice of cost).
A bad record is reported on standard error with its line number and left out; the exit code is then 1.

  --out FILE              where to write the model (required)
  --jsonl | --csv         input format (default: from the extension; .csv is CSV, anything else JSONL)
  --text-field NAME       (alias --text-column)   default "text"
  --title-field NAME      (alias --title-column)  default "title"
  --labels-field NAME     (alias --labels-column) default "labels"
  --label-separator SEP   default "|"
Engine options (see the README for defaults; every option of train()):
  --ngrams 1|2  --buckets N  --min-df N  --max-chars N  --lead-words N  --sublinear-tf true|false  --idf true|false
  --stem true|false  --stop-words true|false  --c NUMBER|auto  --class-weight balanced|none
  --calibration-folds N  --tune-thresholds true|false  --weight-bits 8|16  --tolerance X  --max-passes N
  --naive-bayes-scaling true|false  --seed N  --threads N  --labels "a|b|c" (the label set, split on --label-separator)
  --quiet                 no progress bar (it shows only when standard error is a terminal)
`;

export const EVAL_HELP = `Usage: news-topics eval MODEL DATA [options]

Evaluates MODEL on labelled JSONL or CSV (same fields as train) and prints the report: micro and macro precision,
recall and F1, top-1 accuracy, exact match, calibration error, and per-label figures. For a model whose labels are
taxonomy topic ids, gold and given topics both include their parent topics (as classify's hierarchy "full").

  --format table|json     default table
  --jsonl | --csv, --text-field, --title-field, --labels-field, --label-separator   as for train
  --top-k N  --threshold P   decision options passed to the model
  --report FILE           also write an HTML report (one file, inline SVG, no network): per-label bars,
                          reliability diagram with ECE, co-occurrence heat map, score histograms, worst errors
  --worst N               worst errors in the report (default 12)
  --excerpt-chars N       characters of each worst error's text in the report (default 300; 0 = none, for
                          texts you may not republish)
`;

const QUEUE_NOTE = `  --redis URL             the Redis server (default redis://127.0.0.1:6379; rediss:// for TLS)
  --queue NAME            the queue (letters, digits, "_", "-", ".")
Needs the optional packages bullmq and ioredis (npm install bullmq ioredis).
`;

export const WORKER_HELP = `Usage: news-topics worker --queue NAME [options]

Takes jobs from a BullMQ queue on Redis, classifies their records and stores one result per record id (a retried
job overwrites its results: at-least-once delivery, idempotent results). SIGTERM or SIGINT: stops taking jobs, lets
the jobs in flight finish, then exits 0; a second signal stops at once (its jobs go to another worker after their
lock). A worker killed outright: its jobs are taken again by another worker once their lock runs out.

${QUEUE_NOTE}  --threads N             worker threads classifying (default 1)
  --concurrency N         jobs at once (default 2 per thread)
  --lock-duration MS      how long a job stays locked to a worker without renewal (default 30000)
  --stalled-interval MS   how often to look for jobs of dead workers (default 30000)
  --model FILE  --top-k N  --threshold P  --hierarchy specific|full  --explain  --places  --any-language
                          as for classify
`;

export const ENQUEUE_HELP = `Usage: news-topics enqueue --queue NAME [options] [FILE...]

Reads records as classify does (text files, JSON Lines, CSV, or standard input) and adds them to the queue in batch
jobs, waiting while the queue is full (backpressure). A record that cannot be read is enqueued as an error record:
every input record gets one result. Exit 1 when some records were unreadable.

${QUEUE_NOTE}  --jsonl | --csv | --text, --text-field, --title-field, --id-field   as for classify
  --batch-size N          records per job (default 100)
  --max-waiting N         jobs waiting in the queue before adding more waits (default 200)
`;

export const RESULTS_HELP = `Usage: news-topics results --queue NAME [--wait] > results.jsonl

Writes the queue's results as JSON Lines in input order, one per record id, the same records classify writes.
Records without a result yet are counted on standard error (exit 1), or waited for with --wait.

${QUEUE_NOTE}  --wait                  wait for every enqueued record's result
  --poll-ms MS            how often to look while waiting (default 200)
`;

export const ADAPT_HELP = `Usage: news-topics adapt DATA --out MODEL [options]

Adapts a model to labelled JSONL or CSV (same fields as train): labels that are not the base model's are learnt as
new labels, starting from the base model's features and topic scores; records labelled with a base topic (or
observing it: "observed": ["military"], labels [] for "not military") correct that topic; every other base topic is
kept as it is. Writes MODEL and its model card MODEL.md (what it was adapted from: name, version, SHA-256).

  --base default|MODEL    the model to adapt (default: the default news model)
  --keep-base-topics true|false   keep the base topics no record speaks for (default true)
  --map "Yours=topic,…"   your label replaces and corrects a base topic (e.g. "Defense=military")
  --anchor N|auto         weight of the base topic scores among the features (default auto: 0.15 or 1, with --c 4 unless given)
  --learner svm|centroid|auto  how new labels are learnt (default auto: centroids when every label is new and they
                          score better on held-out examples; better with a few examples per label)
  --min-df N              words learn their own weights when at least N records use them (default 2)
  --jsonl | --csv, --text-field, --title-field, --labels-field, --label-separator   as for train
  --c X  --class-weight  --calibration-folds N  --tune-thresholds  --weight-bits  --tolerance  --max-passes
  --seed N  --threads N   as for train
  --quiet                 no progress bar
`;
