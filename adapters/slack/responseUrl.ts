// Answers on a command's or click's response_url: one JSON POST on a kept-alive connection
// (node:http / node:https). Bolt's respond() goes through the global fetch, which costs about
// four times the CPU of a plain request here: under a burst of commands that work competes with
// the acknowledgements of the next ones. Like respond(), an answer that is not a 2xx is an error.
import { type ClientRequest, type IncomingMessage, request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { RespondArguments } from "@slack/bolt";
import { keepAliveAgents as agents } from "../../src/nodeFetch.ts";

const TIMEOUT_MS = 10_000;

export type Answer = (responseUrl: string, message: RespondArguments) => Promise<void>;

/** Posts `message` to `responseUrl`; rejects on a non-2xx status, a network error or after 10 s. */
export const answerOn: Answer = async (responseUrl, message) => {
  const body = JSON.stringify(message);
  try {
    await post(responseUrl, body);
  } catch (error) {
    // A kept-alive connection the server had just closed: the request never reached it.
    if (!(error as { reusedSocket?: boolean }).reusedSocket) throw error;
    await post(responseUrl, body);
  }
};

function post(responseUrl: string, body: string): Promise<void> {
  const url = new URL(responseUrl);
  const secure = url.protocol === "https:";
  const send = secure ? httpsRequest : httpRequest;
  return new Promise<void>((resolve, reject) => {
    const req: ClientRequest = send(
      url,
      {
        method: "POST",
        agent: secure ? agents.https : agents.http,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        timeout: TIMEOUT_MS,
      },
      (res: IncomingMessage) => {
        res.resume();
        res.on("error", reject);
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          // Never the URL itself: it is a capability to post in the channel.
          else reject(new Error(`Failed to respond to the response_url: ${status} ${res.statusMessage ?? ""}`.trim()));
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error(`No answer from the response_url within ${TIMEOUT_MS / 1000} s`)));
    req.on("error", (error: Error & { reusedSocket?: boolean; code?: string }) => {
      if (req.reusedSocket && error.code === "ECONNRESET") error.reusedSocket = true;
      reject(error);
    });
    req.end(body);
  });
}
