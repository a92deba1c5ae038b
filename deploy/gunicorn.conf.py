"""gunicorn settings for Panels: `gunicorn -c deploy/gunicorn.conf.py`.

Each setting can be changed with an environment variable (PANELS_WEB_*), or on the
command line, which wins over this file.
"""

import multiprocessing
import os

wsgi_app = "panels:create_app()"
bind = os.environ.get("PANELS_WEB_BIND", "127.0.0.1:8000")

# Several processes, each with a few threads: live-screen tablets poll every 2 seconds and
# a page may wait on a PDF or a clip, so one process must serve more than one request.
workers = int(os.environ.get("PANELS_WEB_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8)))
worker_class = "gthread"
threads = int(os.environ.get("PANELS_WEB_THREADS", 8))

# A request may make the whole invitation as audio (up to 120 s, see SPEECH_TIMEOUT) or a
# PDF; gthread workers stay alive through a long request, this bounds a stuck process.
timeout = 150
graceful_timeout = 30  # Ctrl+C / SIGTERM: requests in flight get this long to finish
keepalive = 5

# Off: each process makes its own app, database pool and speech worker after the fork, so
# no database connection is ever shared between processes.
preload_app = False

# A new process now and then keeps memory in check (jitter: not all at once). Not too
# often: 2,000 tablets polling every 2 seconds are 1,000 requests a second, so at 2,000
# requests a process would start again every 2 seconds (each start takes about a second).
max_requests = int(os.environ.get("PANELS_WEB_MAX_REQUESTS", 200_000))
max_requests_jitter = max_requests // 10

# Proxies: Panels believes X-Forwarded-* itself, for PANELS_TRUSTED_PROXIES hops
# (werkzeug's ProxyFix). gunicorn must not also act on them.
forwarded_allow_ips = ""
secure_scheme_headers = {}

# Panels writes its own access lines (with the request id, never a token); gunicorn
# writes only its own errors, to stderr.
accesslog = None
errorlog = "-"
loglevel = "info"
