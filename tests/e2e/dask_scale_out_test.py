#!/usr/bin/env python3
"""Extraction on Dask distributed, merged with `kgraph import`, equals `kgraph build`.

    dask_scale_out_test.py KGRAPH_BINARY SAMPLES_DIR

Starts a Dask scheduler and two workers as separate processes on loopback (127.0.0.1), deals
the sample articles round robin into two shards, has each worker run
`kgraph extract --documents --format jsonl` on its own shard, writes the shards' JSONL,
merges them with one `kgraph import --format jsonl`, and checks that every export of the
merged database equals the export of `kgraph build` over the same files byte for byte
(docs/scale-out.md shows the same recipe). Exits 77 (ctest: skipped) when Dask's
`distributed` module is not installed.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
EXPORTS = ["jsonl", "nt", "nq", "ttl", "graphml", "dot"]


def main():
    kgraph, samples = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    try:
        from distributed import Client
    except ImportError:
        print("SKIP: Python's 'distributed' (Debian python3-distributed) is not installed")
        return SKIP
    tmp = tempfile.mkdtemp(prefix="kgraph-dask-")
    procs = []
    try:
        # The workers read the same paths `build` is given, so the documents' `path` agree.
        flat = os.path.join(tmp, "corpus")
        os.mkdir(flat)
        for f in sorted(os.listdir(samples)):
            if f.endswith(".txt"):
                shutil.copy(os.path.join(samples, f), flat)
        files = sorted(os.path.join(flat, f) for f in os.listdir(flat))
        assert len(files) >= 2, f"need at least two articles in {samples}"
        shards = [files[0::2], files[1::2]]
        sched_file = os.path.join(tmp, "scheduler.json")
        common = dict(cwd=tmp, stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "dask.log"), "w"))
        py = sys.executable
        procs.append(subprocess.Popen([py, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                                       "--port", "0", "--no-dashboard", "--scheduler-file", sched_file], **common))
        deadline = time.time() + 60
        while not os.path.exists(sched_file):
            assert time.time() < deadline, "the Dask scheduler did not start in 60 s (see dask.log)"
            assert procs[0].poll() is None, "the Dask scheduler exited"
            time.sleep(0.2)
        for i in range(2):
            procs.append(subprocess.Popen([py, "-m", "distributed.cli.dask_worker", "--scheduler-file", sched_file,
                                           "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                                           "--no-dashboard", "--name", f"w{i}",
                                           "--local-directory", os.path.join(tmp, f"w{i}")], **common))
        client = Client(scheduler_file=sched_file, timeout=60)
        client.wait_for_workers(2, timeout=120)
        workers = sorted(client.scheduler_info()["workers"])
        assert len(workers) == 2, workers

        def extract_shard(kg, paths):
            out = subprocess.run([kg, "extract", "--documents", "--format", "jsonl", *paths],
                                 capture_output=True, text=True, check=True)
            return os.getpid(), out.stdout

        futures = [client.submit(extract_shard, kgraph, shard, workers=[w], pure=False)
                   for shard, w in zip(shards, workers)]
        results = client.gather(futures)
        client.close()
        pids = {pid for pid, _ in results}
        assert len(pids) == 2, f"both shards ran in one process: {pids}"

        shard_files = []
        for i, (_, text) in enumerate(results):
            assert text.strip(), f"shard {i} produced no output"
            path = os.path.join(tmp, f"shard{i}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            shard_files.append(path)

        merged, built = os.path.join(tmp, "merged.kg"), os.path.join(tmp, "built.kg")
        # Shards merged in reverse order: the import must not depend on the order it reads them.
        subprocess.run([kgraph, "import", "--db", merged, "--format", "jsonl", *reversed(shard_files)],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run([kgraph, "build", flat, "--db", built, "-q"], check=True, stdout=subprocess.DEVNULL)
        failures = []
        for fmt in EXPORTS:
            a = subprocess.run([kgraph, "export", "--db", merged, "--format", fmt], capture_output=True, check=True).stdout
            b = subprocess.run([kgraph, "export", "--db", built, "--format", fmt], capture_output=True, check=True).stdout
            if not b:
                failures.append(f"{fmt}: empty export of the built database")
            elif a != b:
                failures.append(f"{fmt}: merged export differs from build ({len(a)} vs {len(b)} bytes)")
        for f in failures:
            print("FAIL:", f)
        if failures:
            return 1
        print(f"ok: {len(files)} articles in 2 shards on 2 Dask workers; {len(EXPORTS)} exports equal to build")
        return 0
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
