// A local server that speaks the OpenAI chat-completions API (POST /v1/chat/completions with a
// Bearer key, answering {choices: [{message: {role, content}}]}), so the chat's generative mode
// is tested with real HTTP. `reply(request body)` decides the content; `delayMs` holds the answer.
import { createServer } from "node:http";

export async function startLlmServer({ reply, delayMs = 0, key = "test-key" }) {
  const received = [];
  const server = createServer(async (request, response) => {
    const chunks = [];
    for await (const chunk of request) chunks.push(chunk);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    received.push({ path: request.url, authorization: request.headers.authorization, body });
    if (request.url !== "/v1/chat/completions" || request.headers.authorization !== `Bearer ${key}`) {
      response.writeHead(401, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: "invalid key or path", type: "invalid_request_error" } }));
      return;
    }
    await new Promise((done) => setTimeout(done, delayMs));
    if (response.destroyed) return;
    const content = reply(body);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({
      id: "chatcmpl-test", object: "chat.completion", created: 0, model: body.model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    }));
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const url = `http://127.0.0.1:${server.address().port}/v1`;
  return { url, received, close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }) };
}
