// The local stand-in for Netlify: serves the built site and mounts the very same function
// handler at /api/chat. Usage: node chat_widget/server.mjs [--root output] [--port 8000]
// Like Netlify: /path/ serves /path/index.html, and netlify.toml's headers and the build's
// _headers and _redirects apply (./netlify_rules.mjs): `/` goes to the reader's language,
// unknown paths get the locale's 404 page; a form's POST lands on its action page (./forms.mjs).
// Requests are not logged: a path or a question can say what someone is going through.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { createChatHandler } from "./answer/handler.mjs";
import { answerFormPost } from "./forms.mjs";
import { netlifyRules } from "./netlify_rules.mjs";

const NETLIFY_TOML = fileURLToPath(new URL("../netlify.toml", import.meta.url));

const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css", ".mjs": "text/javascript", ".js": "text/javascript",
  ".json": "application/json", ".xml": "application/xml", ".atom": "application/atom+xml", ".svg": "image/svg+xml",
  ".png": "image/png", ".ico": "image/x-icon", ".csv": "text/csv; charset=utf-8", ".ics": "text/calendar",
  ".geojson": "application/geo+json", ".txt": "text/plain; charset=utf-8", ".webmanifest": "application/manifest+json",
};

function fileFor(root, pathname) {
  const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, "");
  let file = join(root, path);
  if (!file.startsWith(root)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

async function toWebRequest(request, origin) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const body = ["GET", "HEAD"].includes(request.method) ? undefined : Buffer.concat(chunks);
  return new Request(new URL(request.url, origin), { method: request.method, headers: request.headers, body });
}

export function startServer({ root, port = 8000, host = "127.0.0.1", env = process.env }) {
  const site = resolve(root);
  const chat = createChatHandler({ siteDir: site, env });
  const netlify = netlifyRules({ site, configFile: NETLIFY_TOML });
  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url, `http://${host}`);
      if (url.pathname === "/api/chat") {
        const answer = await chat(await toWebRequest(request, `http://${host}:${port}`),
                                  { ip: request.socket.remoteAddress });
        response.writeHead(answer.status, Object.fromEntries(answer.headers));
        response.end(Buffer.from(await answer.arrayBuffer()));
        return;
      }
      if (request.method === "POST") {
        await answerFormPost(request, response, { path: url.pathname, env,
                                                  pageExists: (path) => Boolean(fileFor(site, path)) });
        return;
      }
      let status = 200;
      let file = fileFor(site, url.pathname);
      const rule = netlify.redirectFor(url.pathname, request.headers, Boolean(file));
      if (rule && rule.status >= 300 && rule.status < 400) {
        response.writeHead(rule.status, { ...netlify.headersFor(url.pathname), location: rule.to }).end();
        return;
      }
      if (rule) [status, file] = [rule.status, fileFor(site, rule.to)];
      if (!file) [status, file] = [404, fileFor(site, "/404.html")];
      if (!file) { response.writeHead(404).end(); return; }
      response.writeHead(status, { ...netlify.headersFor(url.pathname),
                                   "content-type": TYPES[extname(file)] || "application/octet-stream" });
      if (request.method === "HEAD") { response.end(); return; }
      createReadStream(file).pipe(response);
    } catch (error) {
      console.error(`server: ${error.name}: ${error.message}`);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  });
  return new Promise((resolveStart) => server.listen(port, host, () => resolveStart(server)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { root: { type: "string", default: "output" },
                                            port: { type: "string", default: "8000" },
                                            host: { type: "string", default: "127.0.0.1" } } });
  const server = await startServer({ root: values.root, port: Number(values.port), host: values.host });
  const { port } = server.address();
  console.log(`Site and chat: http://${values.host}:${port}/  (chat API: http://${values.host}:${port}/api/chat)`);
}
