"""A small local web server for the built site that answers like Netlify does:
/path/ serves /path/index.html, and unknown paths get the locale's 404 page."""
import functools
import http.server
import os


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    locales = ()

    def log_message(self, format, *args):
        # Readers' requests are not logged: paths can say what someone is looking for.
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        first = self.path.lstrip("/").split("/", 1)[0]
        page = os.path.join(self.directory, first if first in self.locales else "", "404.html")
        try:
            with open(page, "rb") as handle:
                body = handle.read()
        except OSError:
            return super().send_error(code, message, explain)
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(output_dir, port, config, host="127.0.0.1"):
    handler = functools.partial(type("Handler", (SiteHandler,), {"locales": config.locale_codes}),
                                directory=str(output_dir))
    with http.server.ThreadingHTTPServer((host, port), handler) as server:
        print(f"Site: http://{host}:{port}/", flush=True)
        server.serve_forever()
