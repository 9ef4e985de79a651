// One example text per row of the pattern table (written for these tests, in the styles of
// real servers): each row matches its example, and the whole classifier gives the row's
// reason for it. A row added without an example fails here.
import { describe, expect, it } from "vitest";
import { diagnose } from "../../../src/jobs/reasons/diagnose.ts";
import { needlesOf } from "../../../src/jobs/reasons/needles.ts";
import { CONTEXT_HINTS, GENERIC_WORDS, PATTERN_GROUPS } from "../../../src/jobs/reasons/patterns.ts";

const EXAMPLES: Record<string, string[]> = {
  "auth.dmarc": [
    "550 5.7.1 Message rejected: the sending domain shop-example.fr fails its DMARC policy (p=reject)",
    "host mx.example.net[198.51.100.7] said: 554 Unable to deliver: DMARC verification failed for shop-example.fr",
  ],
  "auth.spf": ["550 5.7.23 SPF check failed: 46.105.1.2 is not a permitted sender for shop-example.fr"],
  "auth.dkim": ["554 5.7.20 DKIM signature verification failed for shop-example.fr"],
  "auth.en": ["550 Unauthenticated email is not accepted from this domain"],
  "auth.fr": ["550 5.7.1 Message refusé : expéditeur non authentifié (shop-example.fr)"],
  "auth.de": ["550 5.7.1 Nachricht abgelehnt: Absender nicht authentifiziert"],
  "auth.es": ["550 5.7.1 Mensaje rechazado: el remitente no está autenticado"],
  "auth.pl": ["550 5.7.1 Wiadomość odrzucona: nadawca nieuwierzytelniony"],
  "auth.nl": ["550 5.7.1 Bericht geweigerd: afzender niet geauthenticeerd"],
  "auth.pt": ["550 5.7.1 Mensagem recusada: remetente não autenticado"],
  "auth.fi": ["550 5.7.1 Viesti hylättiin: lähettäjän todentaminen epäonnistui"],
  "auth.it": ["550 5.7.1 Messaggio rifiutato: mittente non autenticato"],

  "size.en": ["552 5.3.4 Message size exceeds fixed limit of 20 MB", "552 Message too big for this mailbox"],
  "size.fr": ["552 5.3.4 Le message est trop volumineux (limite 10 Mo)"],
  "size.de": ["552 5.3.4 Die Nachricht ist zu groß"],
  "size.es": ["552 5.3.4 El mensaje es demasiado grande"],
  "size.pl": ["552 5.3.4 Wiadomość jest za duża"],
  "size.nl": ["552 5.3.4 Het bericht is te groot"],
  "size.pt": ["552 5.3.4 A mensagem é muito grande"],
  "size.fi": ["552 5.3.4 Viesti on liian suuri"],
  "size.it": ["552 5.3.4 Il messaggio troppo grande per il destinatario"],

  "full.en": ["452 4.2.2 The mailbox of jane@example.org is full", "552 user is over quota"],
  "full.fr": ["452 4.2.2 La boîte aux lettres du destinataire est pleine"],
  "full.de": ["452 4.2.2 Das Postfach ist voll"],
  "full.es": ["452 4.2.2 El buzón está lleno"],
  "full.pl": ["452 4.2.2 Skrzynka odbiorcy jest pełna"],
  "full.nl": ["452 4.2.2 De mailbox is vol"],
  "full.pt": ["452 4.2.2 A caixa postal está cheia"],
  "full.fi": ["452 4.2.2 Vastaanottajan postilaatikko on täynnä"],
  "full.it": ["452 4.2.2 La casella di posta è piena"],

  "rate.en": ["421 4.7.0 Too many connections from your IP, slow down", "450 4.7.1 Rate limit exceeded for this sender"],
  "rate.fr": ["421 4.7.0 Trop de connexions simultanées, réessayez plus tard"],
  "rate.de": ["421 4.7.0 Zu viele Verbindungen von Ihrer Adresse"],
  "rate.es": ["421 4.7.0 Demasiadas conexiones desde su servidor"],
  "rate.pl": ["421 4.7.0 Zbyt wiele połączeń z Twojego serwera"],
  "rate.nl": ["421 4.7.0 Te veel verbindingen vanaf uw server"],
  "rate.pt": ["421 4.7.0 Muitas conexões a partir do seu servidor"],
  "rate.fi": ["421 4.7.0 Liian monta yhteyksiä palvelimeltasi"],
  "rate.it": ["421 4.7.0 Troppe connessioni dal tuo server"],

  "sender.en": ["553 5.1.8 Sender address rejected: domain not found", "550 Domain of sender address www-data@web42 does not exist"],
  "sender.fr": ["550 5.1.8 Adresse de l'expéditeur invalide"],
  "sender.de": ["550 5.1.8 Absenderadresse abgelehnt"],
  "sender.es": ["550 5.1.8 Remitente rechazado"],
  "sender.pl": ["550 5.1.8 Nadawca odrzucony"],
  "sender.nl": ["550 5.1.8 Afzender geweigerd"],
  "sender.pt": ["550 5.1.8 Remetente rejeitado"],
  "sender.fi": ["550 5.1.8 Lähettäjän osoite hylättiin"],
  "sender.it": ["550 5.1.8 Mittente rifiutato"],

  "blocked.lists": ["554 5.7.1 Service unavailable; client [46.105.1.2] listed at zen.spamhaus.org"],
  "blocked.using": ["550 5.7.1 Client host [46.105.1.2] blocked using bl.example-rbl.net"],
  "blocked.reputation": ["550 5.7.1 Mail from 46.105.1.2 refused because of poor sender reputation"],
  "blocked.rdns": ["550 5.7.25 The sending IP has no reverse DNS (PTR) entry"],
  "blocked.fr": ["550 5.7.1 Votre adresse IP est bloquée pour envoi de masse"],
  "blocked.de": ["550 5.7.1 Ihre IP-Adresse ist gesperrt"],
  "blocked.es": ["550 5.7.1 Su IP está en una lista negra"],
  "blocked.pl": ["550 5.7.1 Adres IP jest zablokowany"],
  "blocked.nl": ["550 5.7.1 Uw IP-adres is geblokkeerd"],
  "blocked.pt": ["550 5.7.1 O seu IP está bloqueado"],
  "blocked.fi": ["550 5.7.1 Lähettävä IP-osoite on estetty"],
  "blocked.it": ["550 5.7.1 Il tuo indirizzo IP è bloccato"],

  "disabled.en": ["550 5.2.1 This mailbox has been disabled", "550 The account jane@example.org is suspended"],
  "disabled.fr": ["550 5.2.1 Le compte du destinataire est désactivé"],
  "disabled.de": ["550 5.2.1 Das Konto ist gesperrt"],
  "disabled.es": ["550 5.2.1 La cuenta está desactivada"],
  "disabled.pl": ["550 5.2.1 Konto jest zablokowane"],
  "disabled.nl": ["550 5.2.1 Het account is uitgeschakeld"],
  "disabled.pt": ["550 5.2.1 A conta está desativada"],
  "disabled.fi": ["550 5.2.1 Vastaanottajan tili on suljettu"],
  "disabled.it": ["550 5.2.1 L'account è disattivato"],

  "domain.en": ["Host or domain name not found. Name service error for name=exmple.fr type=MX", "550 5.1.2 No such domain"],
  "domain.fr": ["550 5.1.2 Le domaine est inexistant"],
  "domain.de": ["550 5.1.2 Die Domain existiert nicht"],
  "domain.es": ["550 5.1.2 El dominio no existe"],
  "domain.pl": ["550 5.1.2 Domena nie istnieje"],
  "domain.nl": ["550 5.1.2 Het domein bestaat niet"],
  "domain.pt": ["550 5.1.2 O domínio não existe"],
  "domain.fi": ["550 5.1.2 Verkkotunnusta ei ole olemassa"],
  "domain.it": ["550 5.1.2 Il dominio non esiste"],

  "unknown.user": ["550 5.1.1 <jane@example.org>: user unknown", "550 No such user here"],
  "unknown.servers": ["550 5.1.1 RESOLVER.ADR.RecipNotFound; not found", "551 not our customer"],
  "unknown.fr": ["550 5.1.1 Destinataire inconnu", "550 5.1.1 Adresse destinataire invalide"],
  "unknown.de": ["550 5.1.1 Empfänger unbekannt", "550 Benutzer existiert nicht"],
  "unknown.es": ["550 5.1.1 Usuario desconocido"],
  "unknown.pl": ["550 5.1.1 Odbiorca <jan@example.pl> nie istnieje"],
  "unknown.nl": ["550 5.1.1 Ontvanger onbekend"],
  "unknown.pt": ["550 5.1.1 Destinatário inexistente"],
  "unknown.fi": ["550 5.1.1 Tuntematon vastaanottaja"],
  "unknown.it": ["550 5.1.1 Utente sconosciuto"],

  "spam.en": ["550 5.7.1 Message rejected as spam by content filter", "554 Your message looks like unsolicited bulk email"],
  "spam.fr": ["550 5.7.1 Message considéré comme spam"],
  "spam.de": ["550 5.7.1 Unerwünschte Nachricht abgewiesen"],
  "spam.es": ["550 5.7.1 Rechazado: correo no deseado"],
  "spam.pl": ["550 5.7.1 Odrzucono: niechciana poczta"],
  "spam.nl": ["550 5.7.1 Geweigerd: ongewenste e-mail"],
  "spam.pt": ["550 5.7.1 Recusado: conteúdo suspeito"],
  "spam.fi": ["550 5.7.1 Viesti tunnistettiin roskapostiksi"],
  "spam.it": ["550 5.7.1 Rifiutato: posta indesiderata"],

  "policy.relay": ["554 5.7.1 <jane@example.org>: Relay access denied"],
  "policy.en": ["550 5.7.1 Message refused for policy reasons", "530 5.7.0 Authentication required"],
  "policy.fr": ["550 5.7.1 Relais non autorisé"],
  "policy.de": ["550 5.7.1 Relaying nicht erlaubt"],
  "policy.es": ["550 5.7.1 Relay denegado"],
  "policy.pl": ["550 5.7.1 Przekazywanie poczty zabronione"],
  "policy.nl": ["550 5.7.1 Relay niet toegestaan"],
  "policy.pt": ["550 5.7.1 Relay negado"],
  "policy.fi": ["550 5.7.1 Välitys estetty"],
  "policy.it": ["550 5.7.1 Relay negato"],

  "unreachable.en": ["connect to mx.example.org[203.0.113.9]:25: Connection timed out", "Message expired after 5 days in queue"],
  "unreachable.fr": ["Connexion impossible au serveur mx.example.fr"],
  "unreachable.de": ["Zeitüberschreitung bei der Verbindung zu mx.example.de"],
  "unreachable.es": ["No se pudo conectar con mx.example.es"],
  "unreachable.pl": ["Nie można połączyć się z mx.example.pl"],
  "unreachable.nl": ["Server mx.example.nl is niet bereikbaar"],
  "unreachable.pt": ["Não foi possível conectar a mx.example.pt"],
  "unreachable.fi": ["Palvelimeen mx.example.fi ei saatu yhteyttä"],
  "unreachable.it": ["Impossibile connettersi a mx.example.it"],

  "hint.mailfrom": ["host mx.example.org[203.0.113.9] said: 550 Denied (in reply to MAIL FROM command)"],
  "hint.rcpt": [
    "550 <jane@example.org>: Recipient address rejected",
    "The recipient was rejected by the remote server",
    "Could not deliver to <jane@example.org>: please check that the address is correct",
  ],
  "hint.connect": ["SMTP error from remote mail server after initial connection: 554 Go away"],

  "generic.en": ["550 Access denied"],
  "generic.fr": ["550 Accès refusé"],
  "generic.de": ["550 Zugriff verweigert"],
  "generic.es": ["550 Acceso denegado"],
  "generic.pl": ["550 Odmowa dostępu"],
  "generic.nl": ["550 Toegang geweigerd"],
  "generic.pt": ["550 Acesso negado"],
  "generic.fi": ["550 Pääsy estetty"],
  "generic.it": ["550 Accesso negato"],
};

const ALL = [...PATTERN_GROUPS, ...CONTEXT_HINTS, ...GENERIC_WORDS];
const ROWS = ALL.flatMap((group) => group.rows.map((row) => ({ ...row, reason: group.reason })));

describe("the pattern table", () => {
  it("has unique row ids, each with an example", () => {
    const ids = ROWS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !EXAMPLES[id])).toEqual([]);
    expect(Object.keys(EXAMPLES).filter((id) => !ids.includes(id))).toEqual([]);
  });

  it("covers the languages the issue asks for, for every cause", () => {
    const languages = ["en", "fr", "de", "es", "pl", "nl", "pt", "fi", "it"];
    for (const group of PATTERN_GROUPS) {
      const covered = new Set(group.rows.map((r) => r.lang));
      expect({ reason: group.reason, missing: languages.filter((l) => !covered.has(l) && !(l === "en" && covered.has("*"))) }).toEqual({
        reason: group.reason,
        missing: [],
      });
    }
  });

  it("gives every row words to look for, so it only runs when they are there", () => {
    expect(ROWS.filter((r) => !needlesOf(r.pattern)).map((r) => r.id)).toEqual([]);
  });

  describe.each(ROWS)("$id", (row) => {
    it.each(EXAMPLES[row.id] ?? [])(`matches and reads as ${row.reason}: %s`, (text) => {
      expect(row.pattern.test(text)).toBe(true);
      expect(diagnose(text).reason).toBe(row.reason);
    });
  });
});
