import { fileURLToPath } from "node:url";
import { loadDemoArticles } from "../../demo/articles.ts";

/**
 * The raw material of generated corpora: our own demo articles (data/demo/articles, en/es/pt/nl), cut into
 * paragraphs and sentences per language, plus the words a page needs around them (sections, bylines, clutter),
 * written here for the generator. Nothing comes from ../shared.
 */

export const DEMO_ARTICLES_DIR = fileURLToPath(new URL("../../data/demo/articles/", import.meta.url));

export interface SourceArticle {
  title: string;
  paragraphs: string[];
}

export interface LanguageMaterial {
  language: string;
  onTopic: SourceArticle[];
  offTopic: SourceArticle[];
  /** Every on-topic paragraph of the language, for swapping paragraphs between articles. */
  paragraphs: string[];
  /** Every off-topic sentence, for off-topic pages. */
  offTopicSentences: string[];
  locale: Locale;
}

export interface Locale {
  sections: string[];
  /** Word before author names in a visible byline. */
  by: string;
  and: string;
  /** Byline of pages without a named author. */
  staff: string;
  titlePrefixes: string[];
  firstNames: string[];
  lastNames: string[];
  nav: string[];
  cookie: string;
  newsletter: string;
  related: string;
  readMore: string;
  share: string;
  rights: string;
  notFound: string;
  /** Paragraph added to an article edited after publication. */
  update: string;
}

/** Page words per language (our own, invented for the generator). */
export const LOCALES: Record<string, Locale> = {
  en: {
    sections: ["world", "americas", "politics", "news", "analysis"],
    by: "By",
    and: "and",
    staff: "Staff reporter",
    titlePrefixes: ["", "", "", "Analysis: ", "Live: ", "Explainer: "],
    firstNames: ["Alice", "Ben", "Chloe", "Daniel", "Erin", "Frank", "Grace", "Hugo", "Isla", "Jack", "Keira", "Liam"],
    lastNames: ["Archer", "Bennett", "Carver", "Dalton", "Ellison", "Fletcher", "Hale", "Irving", "Kendall", "Lowry"],
    nav: ["Home", "World", "Business", "Sport", "Culture", "Opinion"],
    cookie: "We use cookies to improve your experience. Accept all or manage your preferences.",
    newsletter: "Sign up for our morning briefing, delivered to your inbox every weekday.",
    related: "Related stories",
    readMore: "Read more",
    share: "Share this article",
    rights: "All rights reserved.",
    notFound: "Sorry, we could not find that page.",
    update: "This article was updated with further details after publication.",
  },
  es: {
    sections: ["mundo", "america-latina", "politica", "internacional", "actualidad"],
    by: "Por",
    and: "y",
    staff: "Redacción",
    titlePrefixes: ["", "", "", "Análisis: ", "En vivo: ", "Claves: "],
    firstNames: [
      "Ana",
      "Bruno",
      "Carmen",
      "Diego",
      "Elena",
      "Fermín",
      "Gabriela",
      "Héctor",
      "Inés",
      "Julián",
      "Lorena",
    ],
    lastNames: ["Aguirre", "Benítez", "Cabrera", "Domínguez", "Escobar", "Figueroa", "Gallardo", "Herrera", "Ibáñez"],
    nav: ["Portada", "Mundo", "Economía", "Deportes", "Cultura", "Opinión"],
    cookie: "Usamos cookies para mejorar tu experiencia. Acepta todas o configura tus preferencias.",
    newsletter: "Suscríbete a nuestro boletín matinal y recíbelo cada día en tu correo.",
    related: "Noticias relacionadas",
    readMore: "Leer más",
    share: "Compartir",
    rights: "Todos los derechos reservados.",
    notFound: "Lo sentimos, no encontramos esa página.",
    update: "Esta nota fue actualizada con más detalles después de su publicación.",
  },
  pt: {
    sections: ["mundo", "america-latina", "politica", "internacional", "noticias"],
    by: "Por",
    and: "e",
    staff: "Da redação",
    titlePrefixes: ["", "", "", "Análise: ", "Ao vivo: ", "Entenda: "],
    firstNames: ["Beatriz", "Caio", "Daniela", "Eduardo", "Fernanda", "Gustavo", "Helena", "Igor", "Juliana", "Lucas"],
    lastNames: ["Almeida", "Barros", "Cardoso", "Duarte", "Esteves", "Fonseca", "Guimarães", "Lacerda", "Moreira"],
    nav: ["Início", "Mundo", "Economia", "Esportes", "Cultura", "Opinião"],
    cookie: "Usamos cookies para melhorar sua experiência. Aceite todos ou ajuste suas preferências.",
    newsletter: "Assine nossa newsletter da manhã e receba as principais notícias no seu e-mail.",
    related: "Leia também",
    readMore: "Leia mais",
    share: "Compartilhe",
    rights: "Todos os direitos reservados.",
    notFound: "Desculpe, não encontramos esta página.",
    update: "Esta reportagem foi atualizada com mais detalhes após a publicação.",
  },
  nl: {
    sections: ["buitenland", "wereld", "politiek", "nieuws", "achtergrond"],
    by: "Door",
    and: "en",
    staff: "Redactie",
    titlePrefixes: ["", "", "", "Analyse: ", "Live: ", "Uitgelegd: "],
    firstNames: ["Anouk", "Bram", "Daan", "Eva", "Floor", "Joost", "Lotte", "Maarten", "Noor", "Pieter", "Sanne"],
    lastNames: ["Bakker", "de Boer", "Dekker", "van Dijk", "Janssen", "de Jong", "Kuipers", "Mulder", "Visser"],
    nav: ["Voorpagina", "Buitenland", "Economie", "Sport", "Cultuur", "Opinie"],
    cookie: "Wij gebruiken cookies om uw ervaring te verbeteren. Accepteer alle of pas uw voorkeuren aan.",
    newsletter: "Meld u aan voor onze ochtendnieuwsbrief, elke werkdag in uw mailbox.",
    related: "Meer nieuws",
    readMore: "Lees meer",
    share: "Deel dit artikel",
    rights: "Alle rechten voorbehouden.",
    notFound: "Sorry, deze pagina bestaat niet.",
    update: "Dit artikel is na publicatie aangevuld met nieuwe details.",
  },
};

/** Splits a paragraph into sentences at end punctuation followed by a capital or opening quote. */
export function splitSentences(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?…»"”])\s+(?=[«"“¿¡A-ZÁÉÍÓÚÑÇÂÊÔÃÕÀÜ])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function paragraphsOf(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0);
}

let cached: Map<string, LanguageMaterial> | null = null;

/** Loads (once per thread) the material of every language that has demo articles and a locale. */
export function loadMaterial(dir: string = DEMO_ARTICLES_DIR): Map<string, LanguageMaterial> {
  if (cached && dir === DEMO_ARTICLES_DIR) return cached;
  const byLanguage = new Map<string, LanguageMaterial>();
  for (const outlet of loadDemoArticles(dir)) {
    const locale = LOCALES[outlet.language];
    if (!locale) continue;
    let material = byLanguage.get(outlet.language);
    if (!material) {
      material = {
        language: outlet.language,
        onTopic: [],
        offTopic: [],
        paragraphs: [],
        offTopicSentences: [],
        locale,
      };
      byLanguage.set(outlet.language, material);
    }
    for (const article of outlet.articles) {
      const source = { title: article.title, paragraphs: paragraphsOf(article.body) };
      if (article.topic) {
        material.onTopic.push(source);
        material.paragraphs.push(...source.paragraphs);
      } else {
        material.offTopic.push(source);
        material.offTopicSentences.push(...source.paragraphs.flatMap(splitSentences));
      }
    }
  }
  for (const [language, material] of byLanguage) {
    if (material.onTopic.length === 0 || material.offTopic.length === 0) byLanguage.delete(language);
  }
  if (dir === DEMO_ARTICLES_DIR) cached = byLanguage;
  return byLanguage;
}
