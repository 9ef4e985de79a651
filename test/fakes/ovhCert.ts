// A self-signed certificate for 127.0.0.1, made at test time, trusted by this process only
// (node-ovh uses https.globalAgent).
import https from "node:https";
import { generate } from "selfsigned";

export interface Pems {
  key: string;
  cert: string;
}

let made: Promise<Pems> | undefined;

export function loopbackCertificate(): Promise<Pems> {
  made ??= generate([{ name: "commonName", value: "127.0.0.1" }], {
    keyType: "ec",
    extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return made;
}

/** Makes this process's https.globalAgent trust the fake's certificate. */
export async function trustLoopbackCertificate(): Promise<Pems> {
  const pems = await loopbackCertificate();
  https.globalAgent.options.ca = pems.cert;
  return pems;
}
