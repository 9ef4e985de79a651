// What bounce texts say, and why: the table a mail administrator extends. Each row is one
// way receiving servers word one cause, in one language (`*`: the words are the same in
// every language: product names, acronyms, codes). Groups are tried top to bottom and the
// first that matches wins, so the specific causes come before the generic ones: "blocked
// using zen.spamhaus.org" is a blocklisting before it is a policy, "Recipient address
// rejected: Mailbox full" is a full mailbox before it is an unknown recipient.
//
// To add a wording: add a row in the right group, with an id, and an example text in
// test/jobs/reasons/patterns.test.ts (the test fails for a row without one).
// Patterns are case-insensitive; accents are optional where servers often drop them
// (`bloqu[ée]`). Avoid `\b` next to an accented letter: it only knows ASCII letters.
import type { Reason } from "./reasons.ts";

export interface PatternRow {
  id: string;
  lang: string;
  pattern: RegExp;
}

export interface PatternGroup {
  reason: Reason;
  rows: PatternRow[];
}

const row = (id: string, lang: string, pattern: RegExp): PatternRow => ({ id, lang, pattern });

export const PATTERN_GROUPS: PatternGroup[] = [
  {
    // The sending domain's SPF, DKIM or DMARC: checked by the receiver against the From.
    reason: "authentication",
    rows: [
      row("auth.dmarc", "*", /\bdmarc\b.{0,60}(polic|fail|reject|verification|check)|(fail|not pass|did not pass|per)\w*.{0,60}\bdmarc\b/i),
      row("auth.spf", "*", /(?<!set up )\bspf\b.{0,40}(record|check|fail|policy|validation|not pass)|(fail|not pass|did not pass)\w*.{0,40}\bspf\b/i),
      row("auth.dkim", "*", /\bdkim\b( signature)?( check| verification| validation)?( =)? (fail|did not pass|invalid)|(fail|not pass)\w* (the )?dkim\b/i),
      row("auth.en", "en", /unauthenticated (e-?)?mail|sender is unauthenticated|authentication checks (failed|did not pass)|fails? to pass authentication|does not have authentication information/i),
      row("auth.fr", "fr", /non authentifi[ée]|[ée]chec de l'authentification (spf|dkim|dmarc)|l'authentification de l'exp[ée]diteur a [ée]chou[ée]/i),
      row("auth.de", "de", /nicht authentifiziert|Authentifizierung (des Absenders )?(ist )?fehlgeschlagen/i),
      row("auth.es", "es", /no (est[áa] )?autenticad[oa]|autenticaci[óo]n (del remitente )?(ha )?fall(ado|[óo])/i),
      row("auth.pl", "pl", /nieuwierzytelnion|uwierzytelnianie (nadawcy )?nie powiodło/i),
      row("auth.nl", "nl", /niet geauthenticeerd|authenticatie (van de afzender )?(is )?mislukt/i),
      row("auth.pt", "pt", /n[ãa]o autenticad[oa]|autentica[çc][ãa]o (do remetente )?falhou/i),
      row("auth.fi", "fi", /todentaminen epäonnistui|todentamaton/i),
      row("auth.it", "it", /non autenticat[oa]|autenticazione (del mittente )?(non riuscita|fallita)/i),
    ],
  },
  {
    reason: "message_too_large",
    rows: [
      row("size.en", "en", /(message|mail|e-?mail) (size|length) (limit )?(exceeds|exceeded)|(message|mail) too (big|large)|message size \d+ exceeds|exceeds (the )?(fixed )?maximum message size|sizelimit|size=message too big|class=size|line limit exceeded/i),
      row("size.fr", "fr", /message (est )?trop (gros|volumineux|grand)|taille (maximale )?(du message )?(est )?d[ée]pass[ée]e/i),
      row("size.de", "de", /Nachricht (ist )?zu gro(ß|ss)|maximale Nachrichtengr(ö|oe)(ß|ss)e/i),
      row("size.es", "es", /mensaje (es )?demasiado grande|tamaño (m[áa]ximo )?(del mensaje )?(excedido|superado)/i),
      row("size.pl", "pl", /wiadomość (jest )?(za|zbyt) duża|przekroczon\w+ (maksymalny )?rozmiar/i),
      row("size.nl", "nl", /bericht (is )?te groot|maximale berichtgrootte/i),
      row("size.pt", "pt", /mensagem (é )?(muito|demasiado) grande|tamanho m[áa]ximo (da mensagem )?(excedido|ultrapassado)/i),
      row("size.fi", "fi", /viesti on liian suuri|viestin enimmäiskoko/i),
      row("size.it", "it", /messaggio troppo grande|dimensione massima (del messaggio )?superata/i),
    ],
  },
  {
    reason: "mailbox_full",
    rows: [
      row("full.en", "en", /mailbox (of \S+ )?(is )?full|(over|exceeded|exceeds) (its |the )?(disk |storage )?quota|quota exceeded|mailbox (size limit|exceeds)|out of storage space|mail ?folder is full|exceeded (its |the )?(disk space|storage|local) limit|too many messages (on the server|in (the )?mailbox)|insufficient storage|not enough disk space|mailbox.{0,20}full/i),
      row("full.fr", "fr", /bo[îi]te (aux lettres |mail )?(du destinataire )?(est )?pleine|quota (est )?(d[ée]pass[ée]|atteint)|espace de stockage (est )?(plein|insuffisant)/i),
      row("full.de", "de", /Postfach (ist )?voll|Speicherplatz (ist )?(voll|erschöpft)|Quota überschritten|zu ?viele Mails auf dem Server/i),
      row("full.es", "es", /buz[óo]n (est[áa] )?lleno|cuota (excedida|superada)|excede (la|su) cuota/i),
      row("full.pl", "pl", /skrzynka (odbiorcy )?(jest )?(pełna|przepełniona)|przekroczon\w+ (limit|quota|pojemność)/i),
      row("full.nl", "nl", /mailbox (is )?vol|postvak (is )?vol|quota overschreden/i),
      row("full.pt", "pt", /caixa (postal |de correio )?(está )?cheia|(quota|cota) (excedida|ultrapassada)/i),
      row("full.fi", "fi", /postilaatikko on täynnä|kiintiö (on )?(täynnä|ylittynyt|ylitetty)/i),
      row("full.it", "it", /casella (di posta )?(è |e' )?piena|quota superata|spazio (su disco )?esaurito/i),
    ],
  },
  {
    // Too much, too fast: per connection, per hour, per recipient.
    reason: "rate_limited",
    rows: [
      row("rate.en", "en", /rate[- ]?limit(?![^.]*reputation)|too many (connections|messages|mails|emails|recipients|rcpt)|frequency limited|receiving mail at a rate|sent to too many|too fast|throttl|relay quota|sending limit|mail flood/i),
      row("rate.fr", "fr", /trop de (messages|connexions|destinataires|courriels)|limite d'envoi|d[ée]bit (trop [ée]lev[ée]|limit[ée])/i),
      row("rate.de", "de", /zu viele (Nachrichten|Verbindungen|Empfänger|E-Mails)|Sendelimit|Ratenbegrenzung/i),
      row("rate.es", "es", /demasiad[oa]s (mensajes|conexiones|destinatarios|correos)|l[íi]mite de env[íi]o/i),
      row("rate.pl", "pl", /zbyt (wiele|dużo) (wiadomości|połączeń|odbiorców)|limit wysyłki/i),
      row("rate.nl", "nl", /te veel (berichten|verbindingen|ontvangers|e-?mails)|verzendlimiet/i),
      row("rate.pt", "pt", /(muitas|demasiadas) (mensagens|conex[õo]es)|(muitos|demasiados) destinat[áa]rios|limite de envio/i),
      row("rate.fi", "fi", /liian (monta|paljon) (viestiä|yhteyksiä|vastaanottajaa)|lähetysraja/i),
      row("rate.it", "it", /troppi (messaggi|destinatari)|troppe connessioni|limite di invio/i),
    ],
  },
  {
    // The script's From or envelope sender is refused.
    reason: "sender_rejected",
    rows: [
      row("sender.en", "en", /sender (address )?(rejected|refused|denied|invalid|unknown|verify failed)|sender domain( \S+)? (does not exist|not found|unknown)|domain of sender address|unroutable sender|invalid sender|from: domain is invalid|purported responsible address|sending to\/from an address|not a registered gateway user|'send mail as'|not a member of this (mailing )?list|permission to post messages to the group/i),
      row("sender.fr", "fr", /exp[ée]diteur (est )?(refus[ée]|rejet[ée]|inconnu|invalide)|adresse (de l'|d')exp[ée]diteur (est )?(invalide|refus[ée]e)|pas autoris[ée] [àa] (lui )?envoyer des messages/i),
      row("sender.de", "de", /Absender(adresse)? (wurde )?(abgelehnt|ungültig|unbekannt|zurückgewiesen)|nicht die erforderlichen Berechtigungen/i),
      row("sender.es", "es", /remitente (es )?(rechazado|no v[áa]lido|desconocido|inv[áa]lido)|no tienes los permisos necesarios para publicar/i),
      row("sender.pl", "pl", /nadawca (został )?(odrzucony|nieznany|nieprawidłowy)|adres nadawcy (jest )?(nieprawidłowy|odrzucony)/i),
      row("sender.nl", "nl", /afzender(sadres)? (is )?(geweigerd|ongeldig|onbekend)/i),
      row("sender.pt", "pt", /remetente (foi )?(rejeitado|recusado|inv[áa]lido|desconhecido)/i),
      row("sender.fi", "fi", /lähettäjä(n osoite)? (hylättiin|on virheellinen|on tuntematon|ei kelpaa)/i),
      row("sender.it", "it", /mittente (è |e' )?(rifiutato|non valido|sconosciuto)/i),
    ],
  },
  {
    // Our relay's IP: on a blocklist, without reverse DNS, or with a bad reputation.
    reason: "sender_blocked",
    rows: [
      row("blocked.lists", "*", /spamhaus|\bsorbs\b|barracuda|spamcop|uceprotect|mailspike|\bpsbl\b|dnsbl|\brbl\b|cloudmark|senderscore/i),
      row("blocked.using", "en", /blocked (using|by) [\w-]+\.[\w.-]+|blocked for abuse|(blacklisted|blocklisted|banned) (in|on|at|by) [\w-]+\.[\w.-]+|(ip|address|host) (address )?(is )?(black|block)listed|banned sending ip|blocked ip\b|on (our|a|the) (block|black) ?list/i),
      row("blocked.reputation", "en", /reputation|user complaints|blocked for spamming|client host blocked|messages from [\d.]+ weren't sent|please use the smtp server of your isp|(dynamic|dial-?up|residential) (ip|address|range)/i),
      row("blocked.rdns", "en", /reverse dns|\brdns\b|(no|missing|bad|valid|dns) ptr\b|ptr (record|resource)|ip name lookup failed|may not be mail exchanger|mismatches client ip|unverifi?[iy]able sending ips?|invalid ip for sending|open relay|my name was rejected|refused to talk to me|not accepting connections|without a valid sender domain|cannot find your hostname/i),
      row("blocked.fr", "fr", /(adresse )?ip (source )?(est )?bloqu[ée]e|liste noire|mauvaise r[ée]putation|dns inverse|list[ée]e? sur/i),
      row("blocked.de", "de", /Sperrliste|Blockliste|auf (der|einer) Blacklist|IP(-Adresse)? (ist )?gesperrt|schlechte[nr]? Reputation|Reverse-DNS/i),
      row("blocked.es", "es", /lista negra|lista de bloqueo|IP (est[áa] )?bloqueada|mala reputaci[óo]n|DNS inverso/i),
      row("blocked.pl", "pl", /czarn(ej|a|ą) list|adres IP (jest )?zablokowany|złą reputacj|odwrotn\w+ DNS/i),
      row("blocked.nl", "nl", /zwarte lijst|blokkeerlijst|IP-adres (is )?geblokkeerd|slechte reputatie|reverse DNS/i),
      row("blocked.pt", "pt", /lista (negra|de bloqueio)|IP (est[áa] )?bloquead[oa]|m[áa] reputa[çc][ãa]o|DNS reverso/i),
      row("blocked.fi", "fi", /estolista|mustalla listalla|IP-osoite on estetty|huono maine|käänteinen DNS/i),
      row("blocked.it", "it", /lista nera|(indirizzo )?IP (è |e' )?bloccato|cattiva reputazione|DNS inverso/i),
    ],
  },
  {
    // The address exists but does not take mail: disabled, suspended, locked, inactive.
    reason: "mailbox_disabled",
    rows: [
      row("disabled.en", "en", /(account|mailbox|user|address)( \S+)? (is |has been )?(temporar(il)?y )?(disabled|suspended|locked|inactive|deactivated|frozen|blocked|discontinued)|disabled (recipient|user|mailbox|account)|\[suspend\]|deactivated mailbox|account that you tried to reach is (disabled|inactive)/i),
      row("disabled.fr", "fr", /compte (du destinataire )?(est )?(bloqu[ée]|d[ée]sactiv[ée]|suspendu|ferm[ée])|bo[îi]te (aux lettres )?(est )?(d[ée]sactiv[ée]e|suspendue|bloqu[ée]e)/i),
      row("disabled.de", "de", /(Konto|Postfach|Benutzerkonto) (ist )?(gesperrt|deaktiviert|stillgelegt)/i),
      row("disabled.es", "es", /(cuenta|buz[óo]n) (est[áa] )?(desactivad|deshabilitad|bloquead|suspendid)[oa]/i),
      row("disabled.pl", "pl", /konto (jest )?(zablokowane|wyłączone|nieaktywne|zawieszone|niedost[eę]pne)/i),
      row("disabled.nl", "nl", /(account|mailbox)( \S+)? (is )?(geblokkeerd|uitgeschakeld|gedeactiveerd|opgeschort)/i),
      row("disabled.pt", "pt", /conta (está )?(desativad|bloquead|suspens|inativ)a/i),
      row("disabled.fi", "fi", /tili on (suljettu|lukittu|poistettu käytöstä|jäädytetty)/i),
      row("disabled.it", "it", /(account|casella) (è |e' )?(disattivat|disabilitat|sospes|bloccat)[oa]/i),
    ],
  },
  {
    // The recipient's domain has no mail server: no such domain, no MX, null MX.
    reason: "domain_unknown",
    rows: [
      row("domain.en", "en", /host or domain name not found|(no such|invalid|unknown|illegal) (host\/)?domain|domain (name )?(does not|doesn't) (exist|receive e?mail)|domain (is )?not (found|reachable)|no mx (record )?found|null mx|indicated no smtp service|unrouteable address|host unknown|unknown host|host\/domain does not accept mail|host does not accept mail|couldn't find (a mail exchanger|any host named)|bad destination system address|not accepting network messages|name or service not known|dns lookup failure: host .* not found|no such domain|malformed( or unexpected)? name server reply|domain may not exist/i),
      row("domain.fr", "fr", /domaine (est )?(inexistant|inconnu|introuvable)|nom de domaine (inexistant|introuvable)|le domaine n'existe pas/i),
      row("domain.de", "de", /Domain( \S+)? (existiert nicht|ist unbekannt|nicht gefunden)|unbekannte Domain|Domäne (existiert nicht|nicht gefunden)/i),
      row("domain.es", "es", /(el )?dominio (no existe|desconocido|inexistente)/i),
      row("domain.pl", "pl", /domena (nie istnieje|jest nieznana)|nieznana domena/i),
      row("domain.nl", "nl", /domein (bestaat niet|is onbekend|niet gevonden)|onbekend domein/i),
      row("domain.pt", "pt", /dom[íi]nio (n[ãa]o existe|inexistente|desconhecido)/i),
      row("domain.fi", "fi", /verkkotunnusta ei (ole olemassa|löydy)|tuntematon verkkotunnus/i),
      row("domain.it", "it", /dominio (inesistente|sconosciuto|non esiste)/i),
    ],
  },
  {
    // The address does not exist at the recipient's server.
    reason: "recipient_unknown",
    rows: [
      row("unknown.user", "en", /(user|recipient|rcpt|address|mailbox|addressee)( name| <[^>]*>| \[[^\]]*\]| [^\s@]+@[^\s@]+)? (is )?(unknown|not found|not exist|does not exist|doesn't exist|not listed|invalid)|unknown (user|recipient|address|mailbox|alias)|no such (user|recipient|mailbox|address)|invalid (recipient|address|mailbox|final delivery userid)|(not a|is not an?) (known|valid|active|registered) (user|address|recipient)|(mailbox|account)( that)? (you tried to reach )?does not exist|user not exist|mailbox (currently )?unavailable|no mail ?box (here|available|found)/i),
      row("unknown.servers", "en", /recip(ient)?notfound|bad_recipient|badrcptto|not our (user|customer)|not listed in (domino directory|public name)|doesn't have an? [\w.-]+ account|no longer on server|has moved|unknown or illegal|address couldn't be found|bad destination mailbox address|inactive email address|user mailbox not found|no valid recipients|recipient preferences|rcp-p\d|mailbox not found/i),
      row("unknown.fr", "fr", /(utilisateur|destinataire|adresse) (est )?(inconnu|inexistant|introuvable)e?|(adresse|destinataire)( du destinataire| d au moins un destinataire)? invalide|bo[îi]te (aux lettres )?(inexistante|introuvable)|cette adresse n'existe pas/i),
      row("unknown.de", "de", /(Benutzer|Empfänger|Adresse|Postfach) (ist )?(unbekannt|existiert nicht|nicht gefunden)|unbekannter (Benutzer|Empfänger)|kein solcher Benutzer/i),
      row("unknown.es", "es", /(usuario|destinatario|buz[óo]n|direcci[óo]n) (es )?(desconocid[oa]|no existe|inexistente|no encontrad[oa])/i),
      row("unknown.pl", "pl", /(odbiorca|użytkownik|adres|skrzynka)\b.{0,60}nie istnieje|nieznany (odbiorca|użytkownik|adres)|brak (takiego )?użytkownika/i),
      row("unknown.nl", "nl", /(gebruiker|ontvanger|adres|mailbox) (is )?(onbekend|bestaat niet|niet gevonden)|onbekende (gebruiker|ontvanger)/i),
      row("unknown.pt", "pt", /(usu[áa]rio|utilizador|destinat[áa]rio|endere[çc]o|caixa postal) (é )?(desconhecido|inexistente|n[ãa]o existe|n[ãa]o encontrado)/i),
      row("unknown.fi", "fi", /tuntematon (vastaanottaja|käyttäjä)|(vastaanottajaa|käyttäjää|osoitetta) ei (ole olemassa|löydy|löytynyt)/i),
      row("unknown.it", "it", /(utente|destinatario|indirizzo) (è |e' )?(sconosciuto|inesistente|non esiste)|casella (di posta )?inesistente/i),
    ],
  },
  {
    // The content: spam filters, viruses, bad URLs, bulk mail.
    reason: "spam_content",
    rows: [
      row("spam.en", "en", /spam(?!( sent to| and phishing|, the))|\bube\b|unsolicited|bulk (e-?)?mail|virus|blacklisted (url|link)|\buribl\b|\bsurbl\b|content (rejected|filter|reject)|mass mailer|junk ?mail/i),
      row("spam.fr", "fr", /ind[ée]sirable|pourriel|(consid[ée]r[ée]|d[ée]tect[ée]|identifi[ée]) comme spam|contenu (refus[ée]|interdit|suspect)|mail rejet[ée]/i),
      row("spam.de", "de", /unerwünscht|Spam-Verdacht|Inhalt (abgelehnt|nicht erlaubt)/i),
      row("spam.es", "es", /correo no deseado|contenido (rechazado|no permitido|sospechoso)/i),
      row("spam.pl", "pl", /niechcian\w+ (poczt|wiadomo)|treść (odrzucona|niedozwolona)/i),
      row("spam.nl", "nl", /ongewenste (e-?mail|inhoud|berichten)|inhoud (geweigerd|niet toegestaan)/i),
      row("spam.pt", "pt", /lixo eletr[óo]nico|conte[úu]do (rejeitado|suspeito|n[ãa]o permitido)/i),
      row("spam.fi", "fi", /roskapost|sisältö hylättiin/i),
      row("spam.it", "it", /posta indesiderata|contenuto (rifiutato|non consentito|sospetto)/i),
    ],
  },
  {
    // Relay refused, SMTP authentication required, malformed headers, other local policy.
    reason: "policy",
    rows: [
      row("policy.relay", "en", /relay(ing)? (access )?(denied|not permitted|not allowed)|not configured to relay|no relaying|as a relay|allowed rcpthosts|insecure mail relay|relaying denied/i),
      row("policy.en", "en", /polic(y|ies)( reasons| violation)?|smtp authentication|authentication required|unauthenticated senders|not rfc ?5322 compliant|multiple (addresses in from|subject headers)|header error|protocol violation|address is not verified|content presents a potential|network not allowed|not authorized/i),
      row("policy.fr", "fr", /relais (refus[ée]|interdit|non autoris[ée])|politique (de s[ée]curit[ée]|locale)/i),
      row("policy.de", "de", /Relaying (nicht erlaubt|verweigert)|Richtlinie/i),
      row("policy.es", "es", /relay (no permitido|denegado)|pol[íi]tica/i),
      row("policy.pl", "pl", /przekazywanie (poczty )?(zabronione|niedozwolone)|polityk/i),
      row("policy.nl", "nl", /relay(en)? (niet toegestaan|geweigerd)|beleid/i),
      row("policy.pt", "pt", /relay (negado|n[ãa]o permitido)|pol[íi]tica/i),
      row("policy.fi", "fi", /välitys (on )?(estetty|kielletty)|käytäntö/i),
      row("policy.it", "it", /relay (negato|non consentito)|politica/i),
    ],
  },
  {
    // The recipient's server could not be reached in time, or the mail looped or expired.
    reason: "unreachable",
    rows: [
      row("unreachable.en", "en", /timed out|time-?out|connection (refused|reset|lost)|lost connection|no route to host|(host|network|server) (is )?(not |un)reachable|(could not|unable to|failed to|couldn't) (connect|establish)|did not accept our requests to connect|(message|envelope) expired|retry timeout exceeded|all hosts have been failing|hop count|too many hops|routing loop|network error|could not find a gateway|delivery temporarily suspended|has been delayed|could not be delivered for|not delivered within|deleted from queue|for the last \d+ seconds|after multiple retries|failed \d+ attempts|after \d+ days?|host name lookup failure|host not found, try again|dns error|resources temporarily unavailable/i),
      row("unreachable.fr", "fr", /d[ée]lai (de connexion )?(d[ée]pass[ée]|expir[ée])|connexion (refus[ée]e|impossible|interrompue)|(h[ôo]te|serveur) injoignable|message expir[ée]/i),
      row("unreachable.de", "de", /Zeitüberschreitung|Verbindung (abgelehnt|fehlgeschlagen|nicht möglich|abgebrochen)|nicht erreichbar/i),
      row("unreachable.es", "es", /tiempo de espera (agotado|excedido)|conexi[óo]n rechazada|no se pudo conectar|(servidor|host) (inaccesible|no disponible)/i),
      row("unreachable.pl", "pl", /przekroczono czas (oczekiwania|połączenia)|połączenie (odrzucone|zerwane)|nie można (się )?połączyć|serwer (jest )?niedost[eę]pny/i),
      row("unreachable.nl", "nl", /verbinding (geweigerd|mislukt|verbroken)|niet bereikbaar|kon geen verbinding/i),
      row("unreachable.pt", "pt", /tempo (de conex[ãa]o )?esgotado|conex[ãa]o recusada|n[ãa]o foi poss[íi]vel (conectar|ligar)|servidor inacess[íi]vel/i),
      row("unreachable.fi", "fi", /aikakatkaisu|yhteys (katkesi|evättiin)|ei saatu yhteyttä|ei tavoitettavissa/i),
      row("unreachable.it", "it", /connessione (rifiutata|scaduta|interrotta)|tempo (di connessione )?scaduto|impossibile connettersi|non raggiungibile/i),
    ],
  },
];

/** When no wording matched: what the enhanced code's subject and detail mean (RFC 3463,
 * RFC 7372 for the authentication details). Most specific first. */
export const DETAIL_REASONS: [RegExp, Reason][] = [
  [/^1\.(1|3|6|10)$/, "recipient_unknown"],
  [/^1\.2$/, "domain_unknown"],
  [/^1\.[78]$/, "sender_rejected"],
  [/^2\.1$/, "mailbox_disabled"],
  [/^2\.2$/, "mailbox_full"],
  [/^(2\.3|3\.4)$/, "message_too_large"],
  [/^4\.4$/, "domain_unknown"],
  [/^4\.[1267]$/, "unreachable"],
  [/^6\.\d+$/, "spam_content"],
  [/^7\.(2[0-4]|26|509)$/, "authentication"],
  [/^7\.25$/, "sender_blocked"],
  [/^7\.28$/, "rate_limited"],
  [/^7\.13$/, "mailbox_disabled"],
  [/^7\.\d+$/, "policy"],
];

/** Where in the dialogue the refusal came, when the words alone do not say: tried after the
 * wordings, before the codes. */
export const CONTEXT_HINTS: PatternGroup[] = [
  {
    reason: "sender_rejected",
    rows: [row("hint.mailfrom", "en", /(in reply to|after) mail from\b.{0,150}(denied|rejected|refused|does not exist|not exist|unknown)|(denied|rejected|refused)[^.]{0,60}in reply to mail from/i)],
  },
  {
    reason: "recipient_unknown",
    rows: [
      row("hint.rcpt", "en", /recipients? (address )?(was |were |has been )?rejected|address rejected|\brejected\b[^.]{0,40}in reply to rcpt to|check (if|that|whether) (the )?address is correct/i),
    ],
  },
  {
    // Refused as soon as our relay connects or greets: the refusal is about our IP or name.
    reason: "sender_blocked",
    rows: [row("hint.connect", "en", /after (initial connection|ehlo|helo)\b/i)],
  },
];

/** Generic refusals, tried after the codes: the last word before `other`. */
export const GENERIC_WORDS: PatternGroup[] = [
  {
    reason: "policy",
    rows: [
      row("generic.en", "en", /access denied|not allowed|forbidden/i),
      row("generic.fr", "fr", /acc[èe]s refus[ée]|non autoris[ée]/i),
      row("generic.de", "de", /Zugriff verweigert|nicht erlaubt/i),
      row("generic.es", "es", /acceso denegado|no permitido/i),
      row("generic.pl", "pl", /odmowa dostępu|niedozwolone/i),
      row("generic.nl", "nl", /toegang geweigerd|niet toegestaan/i),
      row("generic.pt", "pt", /acesso negado|n[ãa]o permitido/i),
      row("generic.fi", "fi", /pääsy estetty|ei sallittu/i),
      row("generic.it", "it", /accesso negato|non consentito/i),
    ],
  },
];
