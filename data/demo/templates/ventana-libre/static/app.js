// Ventana Libre's article script: the server sends an empty shell; this fetches the article as JSON and renders the
// title, byline, date and paragraphs, so only a browser that runs JavaScript sees the text.
(() => {
  const app = document.getElementById("app");
  if (!app?.dataset.api) return;

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  fetch(app.dataset.api)
    .then((response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return response.json();
    })
    .then((article) => {
      document.title = `${article.title} | Ventana Libre`;
      const root = element("article", "vl-articulo");
      root.append(element("p", "vl-seccion", article.section));
      root.append(element("h1", "vl-titulo", article.title));
      const meta = element("div", "vl-meta");
      meta.append(element("span", "vl-autor", `Por ${article.byline}`));
      const time = element("time", "vl-fecha", article.publishedText);
      time.setAttribute("datetime", article.published);
      meta.append(time);
      root.append(meta);
      const share = element("div", "vl-compartir", "Compartir: ");
      for (const name of ["X", "Telegram", "WhatsApp"]) share.append(element("button", "vl-compartir-boton", name));
      root.append(share);
      const body = element("div", "vl-cuerpo");
      for (const text of article.paragraphs) body.append(element("p", "", text));
      root.append(body);
      app.replaceChildren(root);
      app.setAttribute("data-rendered", "true");
    })
    .catch((error) => {
      app.replaceChildren(element("p", "vl-error", `No se pudo cargar el artículo (${error.message}).`));
    });
})();
