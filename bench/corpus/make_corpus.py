#!/usr/bin/env python3
"""Make a deterministic news-like corpus for benchmarks, from real sentences only.

    make_corpus.py OUT_DIR --documents N [--shared ../shared] [--seed 1]

Sentences come from the `# text =` lines of UD English EWT (../shared/ud) and GUM
(../shared/gum/ud), and from CaRB's dev sentences (../shared/carb/dev.txt): nothing is
invented. They are shuffled with a fixed seed and dealt out into documents of 12 to 40
sentences in paragraphs of 2 to 5, each with a title line (a short sentence of the pool)
and a "Published: Jan 08, 2022 05:29 PM" line, as kgraph's sample articles have. When the
pool runs out it is reshuffled (with the next seed) and dealt again, so 100k documents
repeat sentences in new company. Files go to OUT_DIR/NNN/NNNNNN.txt, 1,000 to a folder.

The same arguments give the same files, byte for byte. The corpus is made on demand and
never committed: its sentences are the data sets' (EWT CC BY-SA 4.0, GUM CC BY 4.0, CaRB MIT).
"""
import argparse
import datetime
import os
import random
import sys


def conllu_texts(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# text = "):
                t = line[len("# text = "):].strip()
                if t:
                    yield t


def load_pool(shared):
    pool = []
    ud = os.path.join(shared, "ud")
    for name in ("en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu"):
        p = os.path.join(ud, name)
        if os.path.exists(p):
            pool.extend(conllu_texts(p))
    gum = os.path.join(shared, "gum", "ud")
    if os.path.isdir(gum):
        for name in sorted(os.listdir(gum)):
            if name.endswith(".conllu"):
                pool.extend(conllu_texts(os.path.join(gum, name)))
    carb = os.path.join(shared, "carb", "dev.txt")
    if os.path.exists(carb):
        with open(carb, encoding="utf-8") as f:
            pool.extend(l.strip() for l in f if l.strip())
    # Sentences of fewer than four words (list items, "Thanks!") make poor news prose.
    return [s for s in pool if len(s.split()) >= 4]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--documents", type=int, required=True)
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    pool = load_pool(args.shared)
    if not pool:
        sys.exit(f"make_corpus: no sentences found under {args.shared} (ud/, gum/ud/, carb/)")
    titles = [s.rstrip(".!?") for s in pool if 4 <= len(s.split()) <= 12]

    deck, pos, rounds = [], 0, 0
    rng = random.Random(args.seed)

    def draw():
        nonlocal deck, pos, rounds
        if pos >= len(deck):
            deck = list(pool)
            random.Random(args.seed * 1000003 + rounds).shuffle(deck)
            pos, rounds = 0, rounds + 1
        pos += 1
        return deck[pos - 1]

    start = datetime.datetime(2022, 1, 1, 8, 0)
    words = 0
    for i in range(args.documents):
        n = rng.randint(12, 40)
        paras, para = [], []
        for _ in range(n):
            para.append(draw())
            if len(para) >= rng.randint(2, 5):
                paras.append(" ".join(para))
                para = []
        if para:
            paras.append(" ".join(para))
        title = titles[rng.randrange(len(titles))]
        when = start + datetime.timedelta(minutes=37 * i)
        published = when.strftime("%b %d, %Y %I:%M %p")
        body = "\n\n".join(paras)
        words += len(body.split()) + len(title.split())
        folder = os.path.join(args.out, f"{i // 1000:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{i:06d}.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write(f"{title}\nPublished: {published}\n\n{body}\n")
    print(f"make_corpus: {args.documents} documents, {words} words, {len(pool)} pool sentences -> {args.out}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
