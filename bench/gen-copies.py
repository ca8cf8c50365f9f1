#!/usr/bin/env python3
"""Generate a copy-heavy documentation repository for timing history with copies.

The repository is a handbook published in editions: each edition is a folder of chapters,

    optimizations/edition-01/chapter-001.md ... chapter-NNN.md
    optimizations/edition-02/...

and every new edition starts as a copy of the one before (one commit copies the whole
folder, some chapters already revised on the way), then gets its own edits, renamed
chapters, chapters copied back in from older editions and fixes backported to the editions
still maintained. That is the history `git log --follow` follows through copies
(`--find-copies-harder`): a chapter copied with an edit has no identical source, so finding
it means comparing it with every file of the parent tree. The folder is `optimizations/`
so `perfdoc log` with no paths reads every chapter.

History: exactly --commits commits, by several authors, streamed into `git fast-import`,
then the work tree is checked out. Deterministic for a given (--editions, --chapters,
--commits, --seed).

    python3 bench/gen-copies.py --commits 6000 --seed 1 /tmp/perfdoc-copies --force
"""

import argparse
import os
import random
import shutil
import subprocess
import sys

AUTHORS = [
    ("Alice Nguyen", "alice.nguyen@example.com", "+0000"),
    ("Bob Okafor", "bob.okafor@example.com", "+0100"),
    ("Isha Patel", "isha.patel@example.com", "+0530"),
    ("Kenji Sato", "kenji.sato@example.com", "+0900"),
    ("Maria Silva", "maria.silva@example.com", "-0300"),
]

WORDS = (
    "latency throughput cache index query pool thread queue batch buffer page shard replica "
    "lock contention allocation garbage collector heap stack profile flame graph sample "
    "percentile budget regression baseline benchmark warmup steady state tail request "
    "response connection socket kernel syscall scheduler core memory bandwidth disk flush "
    "commit journal compaction read write hot path cold start serialization parser the a of "
    "to in for with on under after before each every when while because so that which"
).split()


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 13))]
    return " ".join(words).capitalize() + "."


def paragraph(rng):
    # One line per paragraph, as Markdown writers who do not wrap write them: git's
    # similarity chunks such a line every 64 bytes.
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))


class Chapter:
    def __init__(self, rng, number):
        self.title = f"Chapter {number}: " + " ".join(rng.choice(WORDS) for _ in range(3))
        self.paragraphs = [paragraph(rng) for _ in range(rng.randint(18, 30))]

    def copy(self):
        c = Chapter.__new__(Chapter)
        c.title = self.title
        c.paragraphs = list(self.paragraphs)
        return c

    def edit(self, rng):
        """A small revision: a paragraph rewritten, added or dropped."""
        u = rng.random()
        i = rng.randrange(len(self.paragraphs))
        if u < 0.6:
            self.paragraphs[i] = paragraph(rng)
        elif u < 0.85 or len(self.paragraphs) < 12:
            self.paragraphs.insert(i, paragraph(rng))
        else:
            del self.paragraphs[i]

    def text(self, edition):
        body = "\n\n".join(self.paragraphs)
        return (
            f"---\ntitle: \"{self.title}\"\nedition: {edition}\n---\n\n"
            f"# {self.title}\n\n{body}\n"
        )


def generate(args):
    rng = random.Random(f"{args.seed}:copies")
    proc = subprocess.Popen(
        ["git", "-C", args.out, "fast-import", "--quiet", "--done"], stdin=subprocess.PIPE
    )
    out = proc.stdin
    t = 1_600_000_000
    mark = 0
    # edition number -> {file name: Chapter}
    editions = {}
    stats = dict(add=0, copy=0, edit=0, backport=0, rename=0, copy_back=0)

    def path(e, name):
        return f"optimizations/edition-{e:02}/{name}"

    def commit(msg, ops):
        nonlocal mark, t
        mark += 1
        t += rng.randint(600, 20_000)
        name, email, tz = rng.choice(AUTHORS)
        msgb = msg.encode()
        parts = [
            f"commit refs/heads/main\nmark :{mark}\n"
            f"author {name} <{email}> {t} {tz}\ncommitter {name} <{email}> {t} {tz}\n"
            f"data {len(msgb)}\n".encode(),
            msgb,
            b"\n",
        ]
        for op in ops:
            if op[0] == "D":
                parts.append(f"D {op[1]}\n".encode())
            else:
                data = op[2].encode()
                parts.append(f"M 100644 inline {op[1]}\ndata {len(data)}\n".encode())
                parts.append(data)
                parts.append(b"\n")
        parts.append(b"\n")
        out.write(b"".join(parts))

    readme = "# Handbook\n\nOne folder per edition under `optimizations/`.\n"
    commit("Initial skeleton", [("M", "README.md", readme)])
    editions[1] = {}
    for n in range(1, args.chapters + 1):
        name = f"chapter-{n:03}.md"
        editions[1][name] = Chapter(rng, n)
        commit(f"Edition 1: {name}", [("M", path(1, name), editions[1][name].text(1))])
        stats["add"] += 1
    # The editions after the first start at even intervals over the remaining commits.
    start = mark
    per_edition = max(1, (args.commits - start) // args.editions)
    current = 1
    while mark < args.commits:
        if current < args.editions and mark >= start + per_edition * current:
            # A new edition: the whole folder copied, a share of its chapters revised on
            # the way (copies git finds by similarity, not identity).
            new = current + 1
            editions[new] = {}
            ops = []
            for name, ch in sorted(editions[current].items()):
                c = ch.copy()
                if rng.random() < args.revised:
                    for _ in range(rng.randint(1, 3)):
                        c.edit(rng)
                editions[new][name] = c
                ops.append(("M", path(new, name), c.text(new)))
                stats["copy"] += 1
            commit(f"Start edition {new} from edition {current}", ops)
            current = new
            continue
        u = rng.random()
        eds = editions[current]
        if u < 0.70:
            name = rng.choice(sorted(eds))
            eds[name].edit(rng)
            commit(f"Edition {current}: revise {name}", [("M", path(current, name), eds[name].text(current))])
            stats["edit"] += 1
        elif u < 0.82 and current > 1:
            # A fix backported to an older edition still maintained.
            e = rng.randint(max(1, current - 3), current - 1)
            name = rng.choice(sorted(editions[e]))
            editions[e][name].edit(rng)
            commit(f"Edition {e}: backport fix to {name}", [("M", path(e, name), editions[e][name].text(e))])
            stats["backport"] += 1
        elif u < 0.90:
            # A chapter renamed (reordered) within the edition, sometimes edited too.
            old = rng.choice(sorted(eds))
            new_name = f"chapter-{rng.randint(1, 999):03}-{rng.choice(WORDS)}.md"
            if new_name in eds:
                continue
            ch = eds.pop(old)
            if rng.random() < 0.4:
                ch.edit(rng)
            eds[new_name] = ch
            commit(
                f"Edition {current}: rename {old} to {new_name}",
                [("D", path(current, old)), ("M", path(current, new_name), ch.text(current))],
            )
            stats["rename"] += 1
        elif current > 1:
            # A chapter dropped from an edition copied back in from an older one, edited.
            e = rng.randint(1, current - 1)
            name = rng.choice(sorted(editions[e]))
            ch = editions[e][name].copy()
            ch.edit(rng)
            new_name = f"appendix-{rng.randint(1, 999):03}.md"
            if new_name in eds:
                continue
            eds[new_name] = ch
            commit(
                f"Edition {current}: bring back {name} from edition {e} as {new_name}",
                [("M", path(current, new_name), ch.text(current))],
            )
            stats["copy_back"] += 1
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        sys.exit("git fast-import failed")
    return stats


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--commits", type=int, default=6000, help="exact number of commits")
    p.add_argument("--editions", type=int, default=12)
    p.add_argument("--chapters", type=int, default=60, help="chapters in the first edition")
    p.add_argument("--revised", type=float, default=0.3,
                   help="share of chapters revised in the commit that copies them")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--force", action="store_true", help="delete OUT first if it exists")
    args = p.parse_args()
    if args.commits < args.chapters + args.editions + 1:
        sys.exit("--commits must leave room for the first edition and every copy")
    if os.path.exists(args.out):
        if not args.force and os.listdir(args.out):
            sys.exit(f"{args.out} exists and is not empty (use --force)")
        shutil.rmtree(args.out)
    os.makedirs(args.out)
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q", "-b", "main", args.out], check=True, env=env)
    stats = generate(args)
    subprocess.run(["git", "-C", args.out, "checkout", "-q", "-f", "main"], check=True)
    n = subprocess.run(["git", "-C", args.out, "rev-list", "--count", "HEAD"], check=True,
                       capture_output=True, text=True).stdout.strip()
    print(f"{args.out}: {n} commits; " + ", ".join(f"{k} {v}" for k, v in stats.items()))


if __name__ == "__main__":
    main()
