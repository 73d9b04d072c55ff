"""Benchmark of repeated-petition detection (重复件) and a qualitative look at hot issues.

    nice .tools/bin/uv run python bench/insight_repeats.py [--data DIR] [--synthetic 1000000] [--hotspots]

Prints one JSON line per part:

1. ``exact`` — every message of messages_votes.csv whose body repeats an earlier body exactly (after
   whitespace/width/punctuation normalisation): is the earlier message among the detector's candidates?
2. ``near_duplicates`` — precision / recall on a labelled sample of message pairs (see
   docs/benchmarks-insight-repeats.md for how the labels were made; the ids are in
   bench/data/insight_repeats_labels.csv, no message text). Two detectors: ``text`` (MinHash LSH alone,
   the answer for two different people) and ``identity+text`` (what the platform does: the same person is
   found through the identity index, then a lower text threshold decides "same matter").
3. ``synthetic`` — indexing throughput and query latency on N synthetic messages (templates + perturbations).
4. ``--hotspots`` — the clusters of the last three months of messages_votes.csv vs the three before.

The Teddy Cup data is read from ../shared (benchmark use only) and never copied into the repository.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
import time
from collections import defaultdict
from datetime import datetime
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sixia.engines.insight import repeats as rp  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "teddycup2020"
LABELS = ROOT / "bench" / "data" / "insight_repeats_labels.csv"
RULES = rp.RepeatRules()


def load_messages(data: Path) -> list[dict]:
    with open(data / "messages_votes.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        y, mo, d = r["留言时间"].strip().replace("-", "/").split()[0].split("/")
        at = datetime(int(y), int(mo), int(d))
        out.append({"id": int(r["留言编号"]), "user": r["留言用户"], "title": r["留言主题"], "body": r["留言详情"],
                    "at": at, "text": f"{r['留言主题']}\n{r['留言详情']}"})
    out.sort(key=lambda m: (m["at"], m["id"]))
    return out


def exact_repeats(messages: list[dict], hasher: rp.Hasher) -> dict:
    """Replay the board in time order: each message queries the index of all earlier ones, then joins it."""
    seen: dict[str, int] = {}
    sigs = {m["id"]: hasher.signature(m["text"]) for m in messages}
    index = rp.RepeatIndex(hasher)
    total = found = 0
    misses = []
    batch_ids: list[int] = []
    for m in messages:
        key = rp.exact_key(m["body"])
        if key in seen:
            total += 1
            if batch_ids:
                index.add(batch_ids, np.stack([sigs[i] for i in batch_ids]))
                batch_ids = []
            hits = {i for i, _ in index.query(sigs[m["id"]], min_similarity=RULES.min_similarity)}
            if seen[key] in hits:
                found += 1
            else:
                misses.append((m["id"], seen[key]))
        else:
            seen[key] = m["id"]
        batch_ids.append(m["id"])
    return {"part": "exact", "exact_repeats": total, "found": found, "recall": round(found / max(total, 1), 4),
            "misses": misses[:10]}


def labelled_pairs(messages: list[dict], *, random_pairs: int, seed: int) -> dict[tuple[int, int], tuple[int, str]]:
    """(a, b) → (label, how). Reviewed pairs from the label file; every other pair of the same user is a
    negative (no title or body overlap: not reviewed); identical bodies of different users are positives;
    ``random_pairs`` random pairs of different users are negatives."""
    labels: dict[tuple[int, int], tuple[int, str]] = {}
    with open(LABELS, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            a, b = sorted((int(row["a"]), int(row["b"])))
            labels[(a, b)] = (int(row["same_matter"]), row["how"])
    by_user: dict[str, list[int]] = defaultdict(list)
    by_body: dict[str, list[int]] = defaultdict(list)
    for m in messages:
        by_user[m["user"]].append(m["id"])
        by_body[rp.exact_key(m["body"])].append(m["id"])
    for ids in by_user.values():
        for a, b in combinations(sorted(ids), 2):
            labels.setdefault((a, b), (0, "same-user-low-overlap"))
    for ids in by_body.values():
        for a, b in combinations(sorted(ids), 2):
            labels.setdefault((a, b), (1, "identical-body"))
    rnd = random.Random(seed)
    user_of = {m["id"]: m["user"] for m in messages}
    all_ids = [m["id"] for m in messages]
    added = 0
    while added < random_pairs:
        a, b = sorted(rnd.sample(all_ids, 2))
        if user_of[a] != user_of[b] and (a, b) not in labels:
            labels[(a, b)] = (0, "random-other-user")
            added += 1
    return labels


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "fp": fp, "fn": fn}


def near_duplicates(messages: list[dict], hasher: rp.Hasher, *, random_pairs: int, seed: int) -> dict:
    labels = labelled_pairs(messages, random_pairs=random_pairs, seed=seed)
    by_id = {m["id"]: m for m in messages}
    sigs = {m["id"]: hasher.signature(m["text"]) for m in messages}
    index = rp.RepeatIndex(hasher)
    ids = list(sigs)
    index.add(ids, np.stack([sigs[i] for i in ids]))
    lsh_hits: dict[int, set[int]] = {}
    for i in ids:  # the LSH candidates of every message (what a text-only query can return)
        lsh_hits[i] = {ids[r] for r in index.candidates(sigs[i])}
    names = ("text", "identity+text candidates", "identity+text repeats")
    counts = {name: [0, 0, 0] for name in names}
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    scores: list[tuple[float, int]] = []  # same-person pairs: (matter score, label)
    for (a, b), (label, how) in labels.items():
        sim = rp.similarity(sigs[a], sigs[b])
        text_hit = b in lsh_hits[a] and sim >= RULES.min_similarity
        same_person = by_id[a]["user"] == by_id[b]["user"]
        cand = rp.Candidate(b, sim, same_person, rp.exact_key(by_id[a]["text"]) == rp.exact_key(by_id[b]["text"]),
                            rp.title_similarity(by_id[a]["title"], by_id[b]["title"]) if same_person else 0.0)
        if same_person:
            scores.append((cand.score, label))
        shown = (cand.score >= RULES.identity_min_similarity) if same_person else text_hit
        repeat = rp.is_repeat(cand, RULES) if same_person else text_hit
        for name, hit in zip(names, (text_hit, shown, repeat), strict=True):
            c = counts[name]
            if hit and label:
                c[0] += 1
            elif hit:
                c[1] += 1
            elif label:
                c[2] += 1
        kinds[how][0] += 1
        kinds[how][1] += label
    sweep = {}
    for t in (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5):
        tp = sum(1 for sc, lab in scores if lab and sc >= t)
        fp = sum(1 for sc, lab in scores if not lab and sc >= t)
        fn = sum(1 for sc, lab in scores if lab and sc < t)
        sweep[str(t)] = _prf(tp, fp, fn)
    return {"part": "near_duplicates", "pairs": len(labels), "positives": sum(v[0] for v in labels.values()),
            "by_source": {k: {"pairs": v[0], "positives": v[1]} for k, v in kinds.items()},
            "rules": {"min_similarity": RULES.min_similarity,
                      "identity_min_similarity": RULES.identity_min_similarity,
                      "repeat_similarity": RULES.repeat_similarity},
            **{name: _prf(*counts[name]) for name in names},
            "same_person_score_sweep": sweep}


# ---- synthetic ----

PLACES_A = list("东西南北中新老上下前后江河湖山桥城港园")
PLACES_B = ["花园", "小区", "社区", "新村", "家园", "公寓", "广场", "大厦", "街道", "村"]
ISSUES = [
    "楼下餐饮店油烟直排，噪音扰民到深夜，多次投诉无人处理",
    "小区物业乱收停车费，业主委员会成立受阻",
    "工地夜间施工噪音严重，影响居民休息和孩子学习",
    "开发商逾期交房已经一年多，房产证迟迟办不下来",
    "公司拖欠农民工工资半年，讨薪无门",
    "道路破损多年无人维修，雨天积水出行困难",
    "学校周边交通混乱，上下学高峰拥堵，建议设置人行天桥",
    "自来水水压不足，高峰期经常停水",
    "违章搭建占用消防通道，存在严重安全隐患",
    "拆迁安置补偿款至今没有到位，安置房建设停滞",
    "培训机构收费后拒不退款，合同存在霸王条款",
    "垃圾站设在居民楼下，臭气熏天蚊蝇滋生",
]
FILLERS = ["请相关部门尽快处理", "希望领导重视", "已经反映多次", "恳请政府帮助解决", "望尽快答复", "谢谢"]


def synth(rnd: random.Random, seed_no: int) -> str:
    r = random.Random(seed_no)
    place = "".join(r.choice(PLACES_A) for _ in range(3)) + r.choice(PLACES_B) + f"{r.randint(1, 40)}栋"
    issue = r.choice(ISSUES)
    extra = "，".join(r.sample(FILLERS, 2))
    return f"{place}{issue}\n本人住在{place}，{issue}，持续{r.randint(2, 30)}个月。{extra}。编号{seed_no}"


def perturb(text: str, rnd: random.Random) -> str:
    chars = list(text)
    for _ in range(max(1, len(chars) // 25)):  # ~4% character edits
        i = rnd.randrange(len(chars))
        op = rnd.random()
        if op < 0.4:
            del chars[i]
        elif op < 0.8:
            chars.insert(i, rnd.choice("的了是在我们也有"))
        else:
            chars[i] = rnd.choice("，。！")
    return "".join(chars) + rnd.choice(["", "再次反映！", "请尽快答复。"])


def synthetic(n: int, hasher: rp.Hasher, *, queries: int, seed: int) -> dict:
    rnd = random.Random(seed)
    chunk = 50_000
    index = rp.RepeatIndex(hasher)
    t0 = time.perf_counter()
    sig_wall = sig_cpu = 0.0
    for start in range(0, n, chunk):
        ids = list(range(start, min(n, start + chunk)))
        texts = [synth(rnd, i) for i in ids]
        t, c = time.perf_counter(), time.process_time()
        index.add(ids, np.stack([hasher.signature(x) for x in texts]))
        sig_wall += time.perf_counter() - t
        sig_cpu += time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    index.build()
    build_wall, build_cpu = time.perf_counter() - t, time.process_time() - c
    total = time.perf_counter() - t0
    latencies, cpu_latencies = [], []
    found = 0
    for _ in range(queries):
        target = rnd.randrange(n)
        text = perturb(synth(rnd, target), rnd)
        t, c = time.perf_counter(), time.process_time()
        hits = index.query(hasher.signature(text), min_similarity=RULES.min_similarity)
        latencies.append((time.perf_counter() - t) * 1000)
        cpu_latencies.append((time.process_time() - c) * 1000)
        found += any(i == target for i, _ in hits[:RULES.limit])
    lat, cpu_lat = np.array(latencies), np.array(cpu_latencies)
    # The machine is shared (and this runs under nice): CPU time is the number that repeats; wall time is
    # what this run happened to get.
    return {"part": "synthetic", "messages": n,
            "index_cpu_seconds": round(sig_cpu + build_cpu, 1), "index_wall_seconds": round(sig_wall + build_wall, 1),
            "signature_cpu_seconds": round(sig_cpu, 1), "band_sort_cpu_seconds": round(build_cpu, 1),
            "wall_seconds_incl_generation": round(total, 1),
            "messages_per_cpu_second": int(n / (sig_cpu + build_cpu)),
            "messages_per_wall_second": int(n / (sig_wall + build_wall)),
            "queries": queries, "query_cpu_ms_p50": round(float(np.percentile(cpu_lat, 50)), 2),
            "query_cpu_ms_p95": round(float(np.percentile(cpu_lat, 95)), 2),
            "query_wall_ms_p50": round(float(np.percentile(lat, 50)), 2),
            "query_wall_ms_p95": round(float(np.percentile(lat, 95)), 2),
            "perturbed_copy_found": round(found / queries, 4),
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            "config": hasher.config.version}


def hotspots(messages: list[dict]) -> dict:
    from sixia.engines.insight import hotspots as hs

    last = max(m["at"] for m in messages)

    def months_back(d: datetime, n: int) -> datetime:
        k = d.year * 12 + d.month - 1 - n
        return datetime(k // 12, k % 12 + 1, 1)

    start = months_back(last, 2)  # the last three calendar months …
    prev_start = months_back(last, 5)  # … against the three before
    current = [hs.Message(m["id"], m["title"], m["body"]) for m in messages if m["at"] >= start]
    previous = [hs.Message(m["id"], m["title"], m["body"]) for m in messages if prev_start <= m["at"] < start]
    t = time.perf_counter()
    clusters = hs.cluster(current, previous)
    return {"part": "hotspots", "current": f"{start:%Y-%m-%d}..{last:%Y-%m-%d}", "messages": len(current),
            "previous_messages": len(previous), "seconds": round(time.perf_counter() - t, 1),
            "clusters": [{k: c.as_dict()[k] for k in ("size", "previous", "trend", "title", "keywords")}
                         for c in clusters[:12]]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--synthetic", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=2000)
    ap.add_argument("--random-pairs", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--hotspots", action="store_true")
    args = ap.parse_args()
    hasher = rp.Hasher()
    messages = load_messages(args.data)
    print(json.dumps(exact_repeats(messages, hasher), ensure_ascii=False), flush=True)
    print(json.dumps(near_duplicates(messages, hasher, random_pairs=args.random_pairs, seed=args.seed),
                     ensure_ascii=False), flush=True)
    if args.hotspots:
        print(json.dumps(hotspots(messages), ensure_ascii=False), flush=True)
    if args.synthetic:
        print(json.dumps(synthetic(args.synthetic, hasher, queries=args.queries, seed=args.seed),
                         ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
