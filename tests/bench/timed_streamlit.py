"""`streamlit run` with every script run timed, for bench_classroom.py.

    python tests/bench/timed_streamlit.py TIMINGS_FILE run app.py --server.port ... (as `streamlit`)

Each run of a page script appends one line to TIMINGS_FILE: when it ended (time.time()), its wall
time and the CPU time of its thread, in seconds. Only the timing is added: the app, Streamlit and
its flags are those of `streamlit run`. Should a Streamlit upgrade remove the method timed here
(ScriptRunner._run_script), the server runs untimed and the file stays empty.
"""

from __future__ import annotations

import sys
import threading
import time


def main() -> None:
    timings, args = sys.argv[1], sys.argv[2:]
    try:
        from streamlit.runtime.scriptrunner import script_runner
        original = script_runner.ScriptRunner._run_script
    except (ImportError, AttributeError):
        original = None
    if original is not None:
        out = open(timings, "a", buffering=1)  # noqa: SIM115 (open for the server's lifetime)
        lock = threading.Lock()

        def timed(self, *a, **k):
            t0, c0 = time.perf_counter(), time.thread_time()  # runs in the run's own script thread
            try:
                return original(self, *a, **k)
            finally:
                line = f"{time.time():.4f} {time.perf_counter() - t0:.5f} {time.thread_time() - c0:.5f}\n"
                with lock:
                    out.write(line)

        script_runner.ScriptRunner._run_script = timed
    from streamlit.web import cli

    sys.argv = ["streamlit", *args]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
