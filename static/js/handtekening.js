/* Signature canvas: draw with touch, pen or mouse (pointer events); the PNG goes into the hidden
   input as a data URL. Without JavaScript the form still works with a paper scan. */
(function () {
  "use strict";

  function init(root) {
    root.querySelectorAll("[data-handtekening]").forEach(function (vak) {
      if (vak.dataset.handtekeningKlaar) {
        return;
      }
      vak.dataset.handtekeningKlaar = "1";
      var canvas = vak.querySelector("[data-handtekening-canvas]");
      var invoer = vak.querySelector("input[type=hidden]");
      var status = vak.querySelector("[data-handtekening-status]");
      var wissen = vak.querySelector("[data-handtekening-wissen]");
      var ctx = canvas.getContext("2d");
      var tekent = false;
      var laatste = null;

      ctx.lineWidth = 3;
      ctx.lineCap = "round";
      ctx.lineJoin = "round";
      ctx.strokeStyle = "#000";
      ctx.fillStyle = "#000";

      function punt(e) {
        var r = canvas.getBoundingClientRect();
        return {
          x: (e.clientX - r.left) * (canvas.width / r.width),
          y: (e.clientY - r.top) * (canvas.height / r.height),
        };
      }

      function kiesScherm() {
        var radio = document.querySelector("input[name=methode][value=scherm]");
        if (radio) {
          radio.checked = true;
        }
      }

      canvas.addEventListener("pointerdown", function (e) {
        e.preventDefault();
        if (canvas.setPointerCapture) {
          canvas.setPointerCapture(e.pointerId);
        }
        tekent = true;
        laatste = punt(e);
        ctx.beginPath();
        ctx.arc(laatste.x, laatste.y, 1.5, 0, 2 * Math.PI);
        ctx.fill();
      });

      canvas.addEventListener("pointermove", function (e) {
        if (!tekent) {
          return;
        }
        e.preventDefault();
        var p = punt(e);
        ctx.beginPath();
        ctx.moveTo(laatste.x, laatste.y);
        ctx.lineTo(p.x, p.y);
        ctx.stroke();
        laatste = p;
      });

      function stop() {
        if (!tekent) {
          return;
        }
        tekent = false;
        invoer.value = canvas.toDataURL("image/png");
        status.textContent = "Handtekening gezet. Gebruik ‘Handtekening wissen’ om opnieuw te tekenen.";
        kiesScherm();
      }

      canvas.addEventListener("pointerup", stop);
      canvas.addEventListener("pointercancel", stop);
      canvas.addEventListener("pointerleave", stop);

      wissen.addEventListener("click", function () {
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        invoer.value = "";
        status.textContent = "Nog niet getekend.";
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      init(document);
    });
  } else {
    init(document);
  }
  document.addEventListener("htmx:load", function (e) {
    init(e.target);
  });
})();
