// Netlify Forms, for the local server: a POST that names its form in `form-name` is answered as
// Netlify answers it, with the page the form's action names (here a 303 to it, so reloading the
// thanks page does not send the form again). Nothing is kept: what a reader writes can say who
// they are, so it is neither stored nor logged. Only when PORTAL_FEEDBACK_FILE names a file are
// the feedback form's submissions appended to it, as a CSV in the columns the CMS import reads
// (`manage.py import_feedback FILE`), to try that import on a laptop.
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, statSync } from "node:fs";

// The names of site_generator/feedback_form.py; tests hold the built form to them.
export const FEEDBACK_FORM = "page-feedback";
export const HONEYPOT = "website";
export const COLUMNS = ["id", "created_at", "page", "locale", "page-id", "useful", "comment"];
const MAX_BODY_BYTES = 16 * 1024;

class FormRefused extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function readBody(request) {
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new FormRefused(413, "The form is too large.");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function csvLine(values) {
  return values.map((value) => `"${String(value).replaceAll('"', '""')}"`).join(",") + "\r\n";
}

function keepForDemo(file, fields) {
  const isNew = !existsSync(file) || statSync(file).size === 0;
  const row = { ...Object.fromEntries(COLUMNS.map((name) => [name, fields.get(name) ?? ""])),
                id: randomUUID(), created_at: new Date().toISOString() };
  appendFileSync(file, (isNew ? csvLine(COLUMNS) : "") + csvLine(COLUMNS.map((name) => row[name])));
}

// Answers a POST to `path`; `pageExists(path)` says whether the site has a page there.
export async function answerFormPost(request, response, { path, pageExists, env = {} }) {
  try {
    const type = (request.headers["content-type"] || "").split(";")[0].trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") {
      throw new FormRefused(415, "Forms are sent as application/x-www-form-urlencoded.");
    }
    const fields = new URLSearchParams(await readBody(request));
    const form = fields.get("form-name");
    if (!form) throw new FormRefused(405, "Only forms (with a form-name field) are sent here.");
    if (!pageExists(path)) throw new FormRefused(404, `No page at ${path} to answer the form with.`);
    if (form === FEEDBACK_FORM && env.PORTAL_FEEDBACK_FILE && !fields.get(HONEYPOT)) {
      keepForDemo(env.PORTAL_FEEDBACK_FILE, fields);
    }
    // One leading slash: "//host/..." would send the browser to another site.
    response.writeHead(303, { location: `/${path.replace(/^\/+/, "")}` }).end();
  } catch (error) {
    if (!(error instanceof FormRefused)) throw error;
    const headers = { "content-type": "text/plain; charset=utf-8" };
    if (error.status === 405) headers.allow = "GET, HEAD";
    response.writeHead(error.status, headers).end(`${error.message}\n`);
  }
}
