"""`make run`: the site, the chat and the CMS together on localhost.

The site and the chat function are served by chat_widget/server.mjs, a small Node server that
mounts the same handler Netlify runs at /api/chat. The CMS runs Django's development server
in a child process with local rebuilds on, so a publish in the CMS shows on the site seconds
later.
"""
import os
import shutil
import subprocess
import sys

from .config import PROJECT_ROOT

CMS_DIR = PROJECT_ROOT / "cms"


def _manage(*arguments, env):
    return subprocess.run([sys.executable, "manage.py", *arguments], cwd=CMS_DIR, env=env, check=True)


def run_site_and_cms(config, port, with_cms=True):
    node = shutil.which("node")
    if node is None:
        raise SystemExit("Node.js 20 is needed to serve the site and the chat (https://nodejs.org)")
    cms = None
    if with_cms:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal_cms.settings.dev", "PORTAL_REBUILD": "local",
               "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port + 1}"}
        _manage("migrate", "--noinput", "-v", "0", env=env)
        _manage("bootstrap_local", env=env)
        cms = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port + 1}", "--noreload"],
                               cwd=CMS_DIR, env=env)
        print(f"CMS:  http://127.0.0.1:{port + 1}/admin/", flush=True)
    site = subprocess.Popen([node, "chat_widget/server.mjs", "--root", "output", "--port", str(port)],
                            cwd=PROJECT_ROOT)
    try:
        site.wait()
    except KeyboardInterrupt:
        pass
    finally:
        site.terminate()
        site.wait(timeout=10)
        if cms is not None:
            cms.terminate()
            cms.wait(timeout=10)
    return 0
