// What a chat request must be. Every refusal names the field at fault, for a 400 answer.
export const MAX_BODY_BYTES = 8 * 1024;
export const MAX_MESSAGE_CHARACTERS = 1000;

export class RequestError extends Error {
  constructor(message, status = 400) {
    super(message);
    this.status = status;
  }
}

export async function readChatRequest(request, locales, audiencesOf) {
  if (request.method !== "POST") throw new RequestError("use POST with a JSON body", 405);
  const type = request.headers.get("content-type") || "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new RequestError("the body must be JSON (Content-Type: application/json)");
  }
  const declared = Number(request.headers.get("content-length") || 0);
  if (declared > MAX_BODY_BYTES) throw new RequestError(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  const raw = await request.arrayBuffer();
  if (raw.byteLength > MAX_BODY_BYTES) throw new RequestError(`the body is larger than ${MAX_BODY_BYTES} bytes`);
  let body;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new RequestError("the body is not valid JSON");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new RequestError("the body must be a JSON object");
  const { locale, message, page, profile } = body;
  if (typeof locale !== "string" || !locales.includes(locale)) {
    throw new RequestError(`'locale' must be one of the site's locales: ${locales.join(", ")}`);
  }
  if (typeof message !== "string") throw new RequestError("'message' must be a text");
  const length = Array.from(message.trim()).length;
  if (length < 1 || length > MAX_MESSAGE_CHARACTERS) {
    throw new RequestError(`'message' must be 1 to ${MAX_MESSAGE_CHARACTERS} characters long`);
  }
  if (page !== undefined && page !== null && (typeof page !== "string" || page.length > 300)) {
    throw new RequestError("'page' must be the path of a page on this site");
  }
  if (profile !== undefined && profile !== null && profile !== "") {
    const audiences = audiencesOf(locale);
    if (typeof profile !== "string" || !audiences.includes(profile)) {
      throw new RequestError(`'profile' must be one of: ${audiences.join(", ")}`);
    }
  }
  return { locale, message: message.trim(), page: page || null, profile: profile || null };
}
