#!/usr/bin/env python3
"""Folds `perf script` output (stdin) into stacks and a short report; used by bench/profile.sh.

Usage: perf script | profile-fold.py FOLDED_OUT TOP_OUT GROUPS_FILE
GROUPS_FILE: one group a line, "label<TAB>regex"; blank lines and lines starting with # are ignored. A sample counts
for a group "inclusive" when any frame of its stack matches; "innermost" assigns each sample to the group of the
frame nearest the leaf that matches any group (so SQLite called from EF Core counts as SQLite, an allocation that
triggers a GC counts as GC), or to "other".
"""
import collections
import re
import sys


def frames_of(lines):
    frames = []
    for line in lines:
        parts = line.strip().split(None, 1)
        if len(parts) < 2:
            continue
        sym = parts[1]
        dso = ""
        m = re.match(r"^(.*) \(([^()]*)\)$", sym)
        if m:
            sym, dso = m.group(1), m.group(2)
        sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
        lib = dso.rsplit("/", 1)[-1]
        if sym == "[unknown]":
            sym = "[unknown " + lib + "]"
        elif lib and not lib.startswith(("perf-", "memfd:", "doublemapper")):
            sym = lib + "!" + sym  # native code: the library says whose it is (the kernel's frames are [kernel.kallsyms]!…)
        sym = re.sub(r"\[(OptimizedTier1|Optimized|Tier0|Tier1|QuickJitted|OptimizedTier1OSR|Instrumented|InstrumentedTier1|PreJIT)\]", "", sym)
        frames.append(sym.replace(";", ","))
    return frames  # leaf first


def samples(stream):
    header, body = None, []
    for line in stream:
        if not line.strip():
            if header is not None:
                yield header, frames_of(body)
            header, body = None, []
        elif header is None:
            header = line
        else:
            body.append(line)
    if header is not None:
        yield header, frames_of(body)


def main():
    folded_out, top_out, groups_file = sys.argv[1:4]
    groups = []
    with open(groups_file, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                label, regex = line.split("\t", 1)
                groups.append((label, re.compile(regex.strip())))

    folded = collections.Counter()
    inclusive = collections.Counter()
    exclusive = collections.Counter()
    group_incl = collections.Counter()
    group_inner = collections.Counter()
    threads = collections.Counter()
    total = 0
    for header, frames in samples(sys.stdin):
        total += 1
        thread = re.sub(r"\s+\d+/?\d*\s.*$", "", header.strip()) or "?"
        thread = re.sub(r"#\d+$", "", thread)
        threads[thread] += 1
        folded[";".join([thread] + frames[::-1])] += 1
        if frames:
            exclusive[frames[0]] += 1
        for frame in set(frames):
            inclusive[frame] += 1
        hit = set()
        inner = None
        for frame in frames:
            for label, regex in groups:
                if regex.search(frame):
                    hit.add(label)
                    if inner is None:
                        inner = label
        for label in hit:
            group_incl[label] += 1
        group_inner[inner or "other"] += 1

    with open(folded_out, "w", encoding="utf-8") as f:
        for stack, count in folded.most_common():
            f.write(f"{stack} {count}\n")

    def pct(n):
        return f"{100.0 * n / max(total, 1):5.1f} %"

    with open(top_out, "w", encoding="utf-8") as f:
        f.write(f"{total} samples\n\n## Threads\n")
        for name, n in threads.most_common(10):
            f.write(f"{pct(n)}  {name}\n")
        f.write("\n## Groups, innermost match (each sample once)\n")
        for label, n in group_inner.most_common():
            f.write(f"{pct(n)}  {label}\n")
        f.write("\n## Groups, inclusive (a sample counts for every group on its stack)\n")
        for label, n in group_incl.most_common():
            f.write(f"{pct(n)}  {label}\n")
        f.write("\n## Frames, exclusive (top 60)\n")
        for name, n in exclusive.most_common(60):
            f.write(f"{pct(n)}  {name[:220]}\n")
        f.write("\n## Frames, inclusive (top 150)\n")
        for name, n in inclusive.most_common(150):
            f.write(f"{pct(n)}  {name[:220]}\n")


if __name__ == "__main__":
    main()
