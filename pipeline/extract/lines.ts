/**
 * Paragraph-level cleaning of the extracted text: short paragraphs that are template furniture rather than prose
 * (bylines, photo credits, "advertisement" labels, share prompts, "read more" links). Only short paragraphs are
 * judged, so an article sentence that happens to start with "By" is never touched.
 */

/** Paragraphs longer than this are always prose. */
export const MAX_FURNITURE_CHARS = 120;

const NAME = String.raw`\p{Lu}[\p{L}.'’-]*(?:\s+(?:(?:de|da|do|dos|das|del|la|le|van|von|der|den|ter|du|di)\s+)*\p{Lu}[\p{L}.'’-]*){0,3}`;
/** A byline: "By Jane Doe", "Por Ana Pérez y Luis Gil", "Door Sanne de Vries", "Von A und B -". */
export const BYLINE_TEXT = new RegExp(
  String.raw`^(?:[Bb]y|BY|[Pp]or|POR|[Pp]ar|[Vv]on|[Dd]oor|[Ff]rom)\s+${NAME}(?:\s*(?:,|&|\sand|\sy|\se|\set|\sund|\sen)\s+${NAME}){0,4}\s*[-–—|,]?$`,
  "u",
);

/** Patterns of furniture paragraphs, in the study languages and English. */
export const FURNITURE_PATTERNS: readonly RegExp[] = [
  BYLINE_TEXT,
  /^(advertisement|advertising|publicidad|publicidade|anuncio|advertentie|anzeige|werbung|publicité)$/i,
  /^(photo|foto|image|imagen|imagem|afbeelding|bild|credit|crédito|source|fuente|fonte)\s*:/i,
  /^\(?(AP|AFP|Reuters|EFE|Getty Images?|dpa|ANP|Shutterstock)\s*(photo|foto)?[^\p{L}]*\)?$/iu,
  /^(share|compartir|compartilhe|partager|teilen|delen)( (this|on|en|no|sur|auf|op)\b.*)?$/i,
  /^(read more|read also|see also|related|leia também|lea también|lee también|ver también|lire aussi|lesen sie auch|lees ook|mehr zum thema)\b.*$/i,
  /^(follow us|síguenos|siga-nos|suivez-nous|folgen sie uns|volg ons)\b.*$/i,
  /^(sign up|subscribe|suscríbete|assine|abonnez-vous|abonnieren|abonneer)\b.*$/i,
  /^(updated|actualizado|atualizado|mis à jour|aktualisiert|bijgewerkt)( at| a las| às| à| um| om)?\s*[\d:. apm]+$/i,
  /^(©|\(c\)|copyright\b)/i,
  /^(click here|haga clic aquí|clique aqui|cliquez ici|hier klicken|klik hier)\b.*$/i,
  /^(image|photo|foto)?\s*\d+\s*(of|de|\/|sur|von|van)\s*\d+$/i,
];

/** A paragraph this short that is nothing but a written date is a dateline label ("30 de julio de 2024"). */
export const MAX_DATE_LINE_CHARS = 40;
const YEAR = /(?<!\d)(19|20)\d{2}(?!\d)/;
/** Words a written date or time is made of, in the study languages (months, weekdays, connectors). */
const DATE_WORDS = new Set(
  (
    "january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec " +
    "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre " +
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro " +
    "januari februari maart april mei juni juli augustus september oktober november december " +
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre " +
    "januar februar märz april mai juni juli august september oktober november dezember " +
    "monday tuesday wednesday thursday friday saturday sunday lunes martes miércoles jueves viernes sábado domingo " +
    "segunda terça quarta quinta sexta feira maandag dinsdag woensdag donderdag vrijdag zaterdag zondag " +
    "lundi mardi mercredi jeudi vendredi samedi dimanche montag dienstag mittwoch donnerstag freitag samstag sonntag " +
    "de del of the om à a las às um am pm h uhr le el"
  ).split(" "),
);

function isDateLine(paragraph: string): boolean {
  if (paragraph.length > MAX_DATE_LINE_CHARS || !YEAR.test(paragraph)) return false;
  const words = paragraph.toLowerCase().match(/\p{L}+/gu) ?? [];
  return words.every((w) => DATE_WORDS.has(w));
}

/** Drops furniture paragraphs from a text whose paragraphs are separated by blank lines. */
export function dropFurniture(text: string): string {
  const kept: string[] = [];
  for (const paragraph of text.split("\n\n")) {
    if (paragraph.length <= MAX_FURNITURE_CHARS && FURNITURE_PATTERNS.some((re) => re.test(paragraph))) continue;
    if (isDateLine(paragraph)) continue;
    kept.push(paragraph);
  }
  return kept.join("\n\n");
}
