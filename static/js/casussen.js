// Triage: show the fields that belong to the chosen outcome. Without JavaScript every field is
// visible and the server checks which ones are needed.
(function () {
  "use strict";
  function velden(form) {
    const vak = (naam) => {
      const el = form.querySelector('[name="' + naam + '"]');
      return el ? el.closest(".veld") : null;
    };
    return {
      advies: [vak("toelichting")],
      voorliggend_veld: [vak("doorverwezen_naar"), vak("toelichting")],
      casus: [vak("regisseur"), vak("backup"), vak("toelichting")],
      alle: [vak("toelichting"), vak("doorverwezen_naar"), vak("regisseur"), vak("backup")],
    };
  }
  function bijwerken(form) {
    const gekozen = form.querySelector('input[name="uitkomst"]:checked');
    const groepen = velden(form);
    const zichtbaar = gekozen ? groepen[gekozen.value] || groepen.alle : groepen.alle;
    groepen.alle.forEach((vak) => {
      if (vak) {
        vak.hidden = !zichtbaar.includes(vak);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-triage]").forEach((form) => {
      form.addEventListener("change", (event) => {
        if (event.target.name === "uitkomst") {
          bijwerken(form);
        }
      });
      bijwerken(form);
    });
  });
})();
