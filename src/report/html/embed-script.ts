/**
 * EMBED_SCRIPT draws every chart of the JSON data element with vega-embed, as SVG (sharp in
 * print). A chart that fails says so in its own box and on the console, instead of leaving a
 * blank; when all are drawn, <body data-charts="drawn"> tells a screenshot or a test it may look.
 */
export const EMBED_SCRIPT = `(function () {
  var charts = JSON.parse(document.getElementById('vecstress-charts').textContent);
  Promise.all(charts.map(function (chart) {
    var element = document.getElementById(chart.id);
    return vegaEmbed(element, chart.spec, { mode: 'vega-lite', renderer: 'svg', actions: false }).catch(function (error) {
      element.textContent = 'This chart could not be drawn: ' + error.message;
      console.error('vecstress: chart ' + chart.id + ' could not be drawn: ' + error.message);
    });
  })).then(function () { document.body.setAttribute('data-charts', 'drawn'); });
})();`;
