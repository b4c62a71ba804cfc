"""Serve the dashboard as a ministry would: N Streamlit processes behind Debian's nginx,
both kept up by supervisord (README, "Serving it to many users").

    scripts/serve.py                    # 2 workers on 8511-8512, nginx on 127.0.0.1:8080
    scripts/serve.py stop               # stop everything (also `make serve-stop`)
    scripts/serve.py config             # print the nginx configuration a start would use
    scripts/serve.py --workers 0 --upstreams 10.0.0.11:8511,10.0.0.12:8511   # proxy host
    scripts/serve.py --no-proxy --worker-address 0.0.0.0                   # app host

`start` renders nginx's and supervisord's configuration into the runtime folder
(`.serve/`, logs in `.serve/logs/`), starts supervisord in the background and returns
once the site answers. Settings come from the environment (README's table) and these
options, so `make serve WORKERS=4` works.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script: the `serving` package is in the checkout
    sys.path.insert(0, str(ROOT))

from serving import config, settings, supervise  # noqa: E402  (needs the path above)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("command", nargs="?", choices=["start", "stop", "config"], default="start")
    p.add_argument("--runtime", type=Path, default=Path(os.environ.get("SERVE_DIR",
                                                                       ROOT / ".serve")),
                   help="runtime folder: configs, pids, temp paths, logs (SERVE_DIR)")
    p.add_argument("--workers", type=int, help="app processes on this host (WORKERS)")
    p.add_argument("--port", type=int, help="nginx's port (SERVE_PORT)")
    p.add_argument("--address", help="nginx's address (SERVE_ADDRESS)")
    p.add_argument("--worker-port", type=int, help="first worker's port (WORKER_PORT)")
    p.add_argument("--worker-address", help="where the workers listen (WORKER_ADDRESS)")
    p.add_argument("--upstreams", help="app processes on other hosts, host:port,… (UPSTREAMS)")
    p.add_argument("--no-proxy", action="store_true",
                   help="workers only: nginx runs on another host (NO_PROXY_HERE=1)")
    return p.parse_args(argv)


def read_settings(args: argparse.Namespace) -> settings.Settings:
    """The environment's settings, with what the command line names instead."""
    given = {"workers": args.workers, "port": args.port, "address": args.address,
             "worker_port": args.worker_port, "worker_address": args.worker_address,
             "upstreams": settings.split(args.upstreams) if args.upstreams else None,
             "proxy": False if args.no_proxy else None}
    return dataclasses.replace(settings.from_env(os.environ),
                               **{k: v for k, v in given.items() if v is not None})


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    runtime = config.Runtime(args.runtime.resolve())
    if args.command == "stop":
        print("stopped" if supervise.stop(runtime) else f"nothing runs from {runtime.path}")
        return 0
    conf = read_settings(args)
    if args.command == "config":
        print(config.nginx_conf(conf, runtime), end="")
        return 0
    try:
        supervise.launch(conf, runtime.path)
    except RuntimeError as exc:
        raise SystemExit(str(exc)) from None
    return 0


if __name__ == "__main__":
    sys.exit(main())
