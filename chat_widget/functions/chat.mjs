// The Netlify Function behind /api/chat (Node 20, ES modules). It reads the search files
// the site build wrote into output/ (bundled with the function: see netlify.toml).
import { fileURLToPath } from "node:url";
import { createChatHandler } from "../answer/handler.mjs";

const siteDir = process.env.CHAT_SITE_DIR || fileURLToPath(new URL("../../output/", import.meta.url));
let handle = null;

export default async (request, context) => {
  handle = handle || createChatHandler({ siteDir });
  return handle(request, context);
};

export const config = { path: "/api/chat" };
